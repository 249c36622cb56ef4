using System.Globalization;
using System.Text;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>One token of an item's text: UTF-16 offsets [Start, End), as region offsets are stored.</summary>
public readonly record struct TextToken(int Start, int End);

/// <summary>
/// Cuts text into the units the tagger labels. "auto" keeps runs of letters and digits together as words (spaced
/// languages) but gives every Chinese/Japanese character its own token, since those scripts write no spaces and an
/// entity may start at any character; punctuation is one token per character. "characters" makes every
/// non-space character a token.
/// </summary>
public static class TextTokenizer
{
    public const string Auto = "auto";
    public const string Characters = "characters";

    public static readonly IReadOnlyList<string> Modes = [Auto, Characters];

    public static List<TextToken> Tokenize(string text, string mode)
    {
        var tokens = new List<TextToken>();
        var wordStart = -1;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var width = rune.Utf16SequenceLength;
            var kind = KindOf(rune);
            var joinsWord = mode == Auto && kind == CharKind.Word;
            if (!joinsWord && wordStart >= 0)
            {
                tokens.Add(new TextToken(wordStart, index));
                wordStart = -1;
            }
            if (joinsWord)
            {
                if (wordStart < 0) wordStart = index;
            }
            else if (kind != CharKind.Space)
            {
                tokens.Add(new TextToken(index, index + width));
            }
            index += width;
        }
        if (wordStart >= 0) tokens.Add(new TextToken(wordStart, index));
        return tokens;
    }

    /// <summary>Scripts written without spaces between words: each character is a token of its own.</summary>
    public static bool IsUnspacedScript(Rune rune)
    {
        var value = rune.Value;
        return value is >= 0x4E00 and <= 0x9FFF      // CJK unified ideographs
            or >= 0x3400 and <= 0x4DBF                // extension A
            or >= 0x20000 and <= 0x2FA1F              // extensions B.. and compatibility supplement
            or >= 0xF900 and <= 0xFAFF                // compatibility ideographs
            or >= 0x3040 and <= 0x30FF                // hiragana, katakana
            or >= 0x3000 and <= 0x303F;               // CJK punctuation (、。「」)
    }

    private enum CharKind { Space, Word, Single }

    private static CharKind KindOf(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune)) return CharKind.Space;
        if (IsUnspacedScript(rune)) return CharKind.Single;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharKind.Word,
            _ => CharKind.Single,
        };
    }
}
