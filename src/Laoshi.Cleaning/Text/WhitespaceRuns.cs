using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// Collapses each run of white space (any Unicode space, including the ideographic and no-break spaces) into one
/// space, or into one line feed when the run held a line break, so paragraphs survive; trims both ends.
/// </summary>
internal static class WhitespaceRuns
{
    public static string Collapse(string text)
    {
        if (IsCollapsed(text)) return text;
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i++]);
                continue;
            }
            var lineBreak = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                lineBreak |= text[i] is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';
                i++;
            }
            if (builder.Length > 0 && i < text.Length) builder.Append(lineBreak ? '\n' : ' ');
        }
        return builder.ToString();
    }

    private static bool IsCollapsed(string text)
    {
        if (text.Length == 0) return true;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c)) continue;
            if ((c != ' ' && c != '\n') || char.IsWhiteSpace(text[i - 1])) return false;
        }
        return true;
    }
}
