using System.Text;

namespace Laoshi.Formats.Conll;

/// <summary>A token of a text: where it starts and how long it is, in UTF-16 code units.</summary>
public readonly record struct TextToken(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Word boundaries for text that mixes spaced languages with Chinese and Japanese, which write no spaces
/// between words: each CJK character (ideographs, kana, CJK and full-width punctuation) is a token of its own.
/// </summary>
public static class CjkText
{
    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x3000 and <= 0x303F => true,   // CJK symbols and punctuation (、。「」)
        >= 0x3040 and <= 0x30FF => true,   // hiragana, katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms (，！？)
        >= 0x20000 and <= 0x3FFFF => true, // CJK extensions B and later
        _ => false,
    };

    /// <summary>Full-width punctuation (，。！「」) that sits against its neighbours, whatever script they are in.</summary>
    public static bool IsCjkPunctuation(Rune rune) => rune.Value switch
    {
        >= 0x3000 and <= 0x303F => true,
        >= 0xFF00 and <= 0xFFEF => !Rune.IsLetterOrDigit(rune),
        _ => false,
    };

    /// <summary>
    /// Joins tokens with one space, except between two CJK characters and around full-width punctuation;
    /// returns the text and where each token starts.
    /// </summary>
    public static (string Text, int[] Starts) Join(IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder();
        var starts = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && NeedsSpace(tokens[i - 1], tokens[i]))
                text.Append(' ');
            starts[i] = text.Length;
            text.Append(tokens[i]);
        }
        return (text.ToString(), starts);
    }

    /// <summary>Splits text at whitespace, and around every CJK character.</summary>
    public static List<TextToken> Tokenize(string text)
    {
        var tokens = new List<TextToken>();
        var wordStart = -1;
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.Utf16SequenceLength;
            if (Rune.IsWhiteSpace(rune) || IsCjk(rune))
            {
                if (wordStart >= 0)
                    tokens.Add(new TextToken(wordStart, position - wordStart));
                wordStart = -1;
                if (IsCjk(rune))
                    tokens.Add(new TextToken(position, length));
            }
            else if (wordStart < 0)
            {
                wordStart = position;
            }
            position += length;
        }
        if (wordStart >= 0)
            tokens.Add(new TextToken(wordStart, position - wordStart));
        return tokens;
    }

    private static bool NeedsSpace(string previous, string next)
    {
        if (previous.Length == 0 || next.Length == 0)
            return true;
        var lastAt = char.IsLowSurrogate(previous[^1]) && previous.Length > 1 ? previous.Length - 2 : previous.Length - 1;
        if (!Rune.TryGetRuneAt(previous, lastAt, out var last) || !Rune.TryGetRuneAt(next, 0, out var first))
            return true;
        return !(IsCjk(last) && IsCjk(first)) && !IsCjkPunctuation(last) && !IsCjkPunctuation(first);
    }
}
