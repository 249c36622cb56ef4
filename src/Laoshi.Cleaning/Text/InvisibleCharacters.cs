using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// Removes control characters (keeping tab, line feed and carriage return, which carry layout) and the invisible
/// format characters that make two texts that look the same compare different: zero-width space, word joiner,
/// byte-order mark, soft hyphen, bidirectional marks and embeddings. Zero-width (non-)joiners stay: they change how
/// emoji and some scripts render.
/// </summary>
internal static class InvisibleCharacters
{
    public static bool IsRemoved(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        '\u200C' or '\u200D' => false,
        _ when char.IsControl(c) => true,
        '\u00AD' or '\u061C' or '\u180E' or '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2061' and <= '\u206F' => true,
        _ => false,
    };

    public static string Remove(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRemoved(text[i])) { first = i; break; }
        }
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!IsRemoved(text[i])) builder.Append(text[i]);
        }
        return builder.ToString();
    }

}
