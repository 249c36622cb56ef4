namespace Laoshi.Cleaning;

/// <summary>Full-width ↔ half-width forms of ASCII (U+FF01–U+FF5E ↔ U+0021–U+007E) and the ideographic space.</summary>
public static class FullWidth
{
    private const char FirstFull = '\uFF01', LastFull = '\uFF5E', IdeographicSpace = '\u3000';
    private const int Offset = FirstFull - '!';

    /// <summary>ＡＢＣ１２３！ → ABC123!, the ideographic space → a space; other characters are kept.</summary>
    public static string ToHalfWidth(string text)
    {
        var first = IndexOfFull(text);
        if (first < 0) return text;
        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            var (source, start) = state;
            source.AsSpan().CopyTo(span);
            for (var i = start; i < span.Length; i++)
            {
                var c = span[i];
                if (c is >= FirstFull and <= LastFull) span[i] = (char)(c - Offset);
                else if (c == IdeographicSpace) span[i] = ' ';
            }
        });
    }

    /// <summary>ABC123! → ＡＢＣ１２３！, a space → the ideographic space (what Chinese typesetting shows).</summary>
    public static string ToFullWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                ' ' => IdeographicSpace,
                >= '!' and <= '~' => (char)(c + Offset),
                _ => c,
            };
        }
    });

    private static int IndexOfFull(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= FirstFull and <= LastFull || c == IdeographicSpace) return i;
        }
        return -1;
    }
}
