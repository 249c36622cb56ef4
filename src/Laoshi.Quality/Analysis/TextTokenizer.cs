using System.Globalization;
using System.Text;

namespace Laoshi.Quality.Analysis;

/// <summary>
/// Splits text into the terms that distinctive-term and similarity analysis count. Chinese (and Japanese) text has no
/// spaces between words, so a run of CJK characters gives its character n-grams (by default single characters and
/// pairs); other letters and digits form words, lower-cased. Text is NFKC-normalised first so full-width letters and
/// digits count as their ordinary forms.
/// </summary>
public sealed class TextTokenizer
{
    /// <param name="cjkMaxN">Longest character n-gram taken from a CJK run (1 = characters only).</param>
    public TextTokenizer(int cjkMaxN = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cjkMaxN, 1);
        CjkMaxN = cjkMaxN;
    }

    public int CjkMaxN { get; }

    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        AddTerms(text, terms);
        return terms;
    }

    /// <summary>Appends the terms of text to a list the caller reuses (no allocation per item besides the terms).</summary>
    public void AddTerms(string text, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        var cjk = new List<string>();
        foreach (var rune in normal.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                Flush(word, terms);
                cjk.Add(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune) || (word.Length > 0 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark))
            {
                FlushCjk(cjk, terms);
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                Flush(word, terms);
                FlushCjk(cjk, terms);
            }
        }
        Flush(word, terms);
        FlushCjk(cjk, terms);
    }

    /// <summary>Han ideographs, kana and the CJK compatibility ideographs: scripts written without spaces.</summary>
    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x4E00 and <= 0x9FFF => true,
        >= 0x3400 and <= 0x4DBF => true,
        >= 0x20000 and <= 0x3134F => true,
        >= 0xF900 and <= 0xFAFF => true,
        >= 0x3040 and <= 0x30FF => true,
        0x3005 or 0x3007 => true,
        _ => false,
    };

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0) return;
        terms.Add(word.ToString());
        word.Clear();
    }

    private void FlushCjk(List<string> run, List<string> terms)
    {
        for (var n = 1; n <= CjkMaxN; n++)
        {
            for (var start = 0; start + n <= run.Count; start++)
                terms.Add(n == 1 ? run[start] : string.Concat(run.GetRange(start, n)));
        }
        run.Clear();
    }
}
