using System.Text;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// The evidence the tagger weighs for each token: the token itself (lower-cased, digits folded to 0), its shape
/// (Xxxx, dd, h for a Chinese character), its prefixes and suffixes, the words and shapes around it within the
/// window, and the pairs of neighbouring words (character bigrams, for Chinese). Feature names are plain strings so a
/// saved model lists what it learned.
/// </summary>
public sealed class TokenFeatures(int window, int affixLength)
{
    private const string SentenceStart = "<s>";
    private const string SentenceEnd = "</s>";

    /// <summary>
    /// Whether a feature name carries the token's own word (the word, its affixes, the pairs it is in): word dropout
    /// hides these to make the tagger learn from the context too.
    /// </summary>
    public static bool IsOwnWord(string name) =>
        name.StartsWith("w=", StringComparison.Ordinal) || name.StartsWith("b-1=", StringComparison.Ordinal)
        || name.StartsWith("b+1=", StringComparison.Ordinal) || (name.Length > 2 && name[0] is 'p' or 'x' && char.IsDigit(name[1]));

    /// <summary>Every token's feature names, in token order.</summary>
    public string[][] Extract(string text, IReadOnlyList<TextToken> tokens)
    {
        var words = new string[tokens.Count];
        var shapes = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = text.AsSpan(tokens[i].Start, tokens[i].End - tokens[i].Start);
            words[i] = Folded(token);
            shapes[i] = Shape(token);
        }
        var features = new string[tokens.Count][];
        var list = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            list.Clear();
            var word = words[i];
            list.Add("bias");
            list.Add("w=" + word);
            list.Add("s=" + shapes[i]);
            if (word.Length > 1)
            {
                for (var k = 1; k <= affixLength && k < word.Length; k++)
                {
                    list.Add($"p{k}=" + word[..k]);
                    list.Add($"x{k}=" + word[^k..]);
                }
            }
            for (var offset = 1; offset <= window; offset++)
            {
                list.Add($"w-{offset}=" + WordAt(words, i - offset));
                list.Add($"w+{offset}=" + WordAt(words, i + offset));
                list.Add($"s-{offset}=" + WordAt(shapes, i - offset));
                list.Add($"s+{offset}=" + WordAt(shapes, i + offset));
            }
            if (window >= 1)
            {
                list.Add("b-1=" + WordAt(words, i - 1) + "|" + word);
                list.Add("b+1=" + word + "|" + WordAt(words, i + 1));
                list.Add("ss=" + WordAt(shapes, i - 1) + "|" + shapes[i] + "|" + WordAt(shapes, i + 1));
            }
            if (window >= 2)
            {
                list.Add("b-2=" + WordAt(words, i - 2) + "|" + WordAt(words, i - 1));
                list.Add("b+2=" + WordAt(words, i + 1) + "|" + WordAt(words, i + 2));
            }
            features[i] = [.. list];
        }
        return features;
    }

    private static string WordAt(string[] words, int i) => i < 0 ? SentenceStart : i >= words.Length ? SentenceEnd : words[i];

    /// <summary>Lower case with every digit as 0: "1989" and "2024" are the same kind of evidence.</summary>
    private static string Folded(ReadOnlySpan<char> token)
    {
        var builder = new StringBuilder(token.Length);
        foreach (var c in token) builder.Append(char.IsDigit(c) ? '0' : char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary>Each character as its class (X upper, x lower, d digit, h Chinese/Japanese, punctuation as itself), repeats collapsed.</summary>
    private static string Shape(ReadOnlySpan<char> token)
    {
        var builder = new StringBuilder();
        foreach (var rune in token.EnumerateRunes())
        {
            var mark = TextTokenizer.IsUnspacedScript(rune) && !Rune.IsPunctuation(rune) ? 'h'
                : Rune.IsUpper(rune) ? 'X'
                : Rune.IsLetter(rune) ? 'x'
                : Rune.IsDigit(rune) ? 'd'
                : rune.IsBmp ? (char)rune.Value : '?';
            if (builder.Length == 0 || builder[^1] != mark) builder.Append(mark);
        }
        return builder.ToString();
    }
}
