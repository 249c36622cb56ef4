using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Behaviour;

/// <summary>
/// Makes the variants of a text that an INV or DIR test compares it with. Returns no variant when the perturbation
/// does not apply (no synonym in the text, nothing to convert), and never the text itself: such a case is skipped,
/// as CheckList skips it, rather than counted as a pass.
/// </summary>
public sealed class TextPerturber(IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms, IChineseScriptConverter? chineseScript)
{
    public IReadOnlyList<string> Apply(string text, Perturbation perturbation, Random random)
    {
        IEnumerable<string> variants = perturbation.Kind switch
        {
            PerturbationKind.Typos => Repeat(perturbation.Copies, () => Typos(text, perturbation.Count, random)),
            PerturbationKind.Punctuation => [Punctuation(text)],
            PerturbationKind.Width => [Width(text)],
            PerturbationKind.Traditional => [Script().ToTraditional(text)],
            PerturbationKind.Simplified => [Script().ToSimplified(text)],
            PerturbationKind.Synonyms => Sample(Synonyms(text), perturbation.Copies, random),
            PerturbationKind.Append => (perturbation.Additions ?? []).Select(a => text + a),
            PerturbationKind.Prepend => (perturbation.Additions ?? []).Select(a => a + text),
            _ => [],
        };
        return [.. variants.Where(v => v != text).Distinct(StringComparer.Ordinal)];
    }

    private IChineseScriptConverter Script() => chineseScript
        ?? throw new BadInputException("traditional/simplified perturbations need Chinese script conversion, which this runner was not given", field: "perturbation");

    private static IEnumerable<string> Repeat(int copies, Func<string> make)
    {
        for (var i = 0; i < copies; i++) yield return make();
    }

    /// <summary>CheckList's add_typos: swap a character with the next one, at random places; works on whole characters (surrogate pairs stay whole).</summary>
    public static string Typos(string text, int typos, Random random)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext()) elements.Add(enumerator.GetTextElement());
        if (elements.Count < 2) return text;
        for (var i = 0; i < typos; i++)
        {
            var at = random.Next(elements.Count - 1);
            (elements[at], elements[at + 1]) = (elements[at + 1], elements[at]);
        }
        return string.Concat(elements);
    }

    private const string EndPunctuation = ".!?;,…。！？；，";

    /// <summary>Drops the final punctuation, or adds a full stop in the text's own script when there is none.</summary>
    public static string Punctuation(string text)
    {
        var trimmed = text.TrimEnd();
        var end = trimmed.Length;
        while (end > 0 && EndPunctuation.Contains(trimmed[end - 1])) end--;
        if (end < trimmed.Length) return trimmed[..end];
        return trimmed + (HasChinese(trimmed) ? "。" : ".");
    }

    /// <summary>Full-width forms (Ａ１！) to ASCII when the text has any, otherwise ASCII letters, digits and punctuation to full-width.</summary>
    public static string Width(string text)
    {
        var toHalf = text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000');
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (toHalf)
            {
                result.Append(c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                });
            }
            else result.Append(c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
        }
        return result.ToString();
    }

    /// <summary>Each synonym put in place of the first occurrence of its word (whole words for Latin script, any place for Chinese).</summary>
    private IEnumerable<string> Synonyms(string text)
    {
        foreach (var (word, replacements) in synonyms)
        {
            if (word.Length == 0) continue;
            int at;
            if (HasChinese(word)) at = text.IndexOf(word, StringComparison.Ordinal);
            else
            {
                var match = Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])");
                at = match.Success ? match.Index : -1;
            }
            if (at < 0) continue;
            foreach (var replacement in replacements) yield return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + word.Length));
        }
    }

    private static IEnumerable<string> Sample(IEnumerable<string> variants, int copies, Random random)
    {
        var all = variants.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count <= copies) return all;
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        return all.Take(copies);
    }

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF');
}
