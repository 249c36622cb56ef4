using System.Globalization;
using System.Text;

namespace Laoshi.Evaluation.Transcripts;

/// <summary>
/// Splits a transcript into the units an edit counts. Words are runs between whitespace, except that every Han,
/// kana or Hangul character is a word by itself: Chinese has no spaces between words, so it is scored by character.
/// Characters are text elements (a base letter with its combining marks is one), with runs of whitespace as one space.
/// </summary>
public static class TranscriptUnits
{
    public static IReadOnlyList<string> Split(string text, ErrorUnit unit) => unit == ErrorUnit.Word ? Words(text) : Characters(text);

    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var index = elements.ElementIndex;
            var element = elements.GetTextElement();
            var rune = Rune.GetRuneAt(text, index);
            if (Rune.IsWhiteSpace(rune) || IsIdeographic(rune))
            {
                if (start >= 0) words.Add(text[start..index]);
                start = -1;
                if (!Rune.IsWhiteSpace(rune)) words.Add(element);
            }
            else if (start < 0) start = index;
        }
        if (start >= 0) words.Add(text[start..]);
        return words;
    }

    public static IReadOnlyList<string> Characters(string text)
    {
        var characters = new List<string>();
        var pendingSpace = false;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (Rune.IsWhiteSpace(Rune.GetRuneAt(element, 0)))
            {
                pendingSpace = characters.Count > 0;
                continue;
            }
            if (pendingSpace) characters.Add(" ");
            pendingSpace = false;
            characters.Add(element);
        }
        return characters;
    }

    /// <summary>Scripts written without spaces between words: Han (with its extensions), kana, Hangul syllables.</summary>
    private static bool IsIdeographic(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x3134F or >= 0xF900 and <= 0xFAFF
            or >= 0x3040 and <= 0x30FF or >= 0xAC00 and <= 0xD7AF or 0x3007;
    }
}
