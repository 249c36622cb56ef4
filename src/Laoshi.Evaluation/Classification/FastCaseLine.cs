using System.Globalization;
using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// The shape nearly every machine-written line has: <c>{"item":"…","label":"…","scores":{"…":number,…}}</c> with no
/// spaces, escapes or non-ASCII text. Recognising it byte by byte is several times faster than a general JSON reader;
/// a line that differs in any way (another key order, a list of labels, an exponent, whitespace, bad JSON) is not
/// taken here and goes to the general reader, which also owns every error message.
/// </summary>
internal ref struct FastCaseLine
{
    /// <summary>Most scores a line may have on this path (they are held on the stack until the line is known good).</summary>
    public const int MaxScores = 32;

    public ReadOnlySpan<byte> Item;
    public bool ItemIsNumber;
    public ReadOnlySpan<byte> Label;
    public bool LabelIsNull;
    public int ScoreCount;
    public bool HasScores;

    /// <summary>Takes the line apart; score names go to <paramref name="names"/> as (start, length) into <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> text, bool scoresAllowed, Span<int> nameStarts, Span<int> nameLengths, Span<double> scores, out FastCaseLine line)
    {
        line = default;
        var at = 0;
        if (!Literal(text, ref at, "{\"item\":"u8)) return false;
        if (at < text.Length && text[at] == (byte)'"')
        {
            if (!PlainString(text, ref at, out line.Item)) return false;
        }
        else
        {
            if (!PlainNumber(text, ref at, out line.Item)) return false;
            line.ItemIsNumber = true;
        }
        if (!Literal(text, ref at, ",\"label\":"u8)) return false;
        if (Literal(text, ref at, "null"u8)) line.LabelIsNull = true;
        else if (!PlainString(text, ref at, out line.Label)) return false;
        if (Literal(text, ref at, "}"u8)) return at == text.Length;
        if (!scoresAllowed || !Literal(text, ref at, ",\"scores\":{"u8)) return false;
        line.HasScores = true;
        if (!Literal(text, ref at, "}"u8))
        {
            while (true)
            {
                if (line.ScoreCount == MaxScores) return false;
                var start = at + 1;
                if (!PlainString(text, ref at, out var name) || !Literal(text, ref at, ":"u8)) return false;
                if (!PlainNumber(text, ref at, out var number)) return false;
                // The same correctly rounded conversion the JSON reader makes; no exponent reaches here, so the value is finite.
                if (!TryExact(number, out var score)
                    && !double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out score))
                    return false;
                nameStarts[line.ScoreCount] = start;
                nameLengths[line.ScoreCount] = name.Length;
                scores[line.ScoreCount++] = score;
                if (Literal(text, ref at, "}"u8)) break;
                if (!Literal(text, ref at, ","u8)) return false;
            }
        }
        return Literal(text, ref at, "}"u8) && at == text.Length;
    }

    /// <summary>Exact powers of ten: every one up to 1e22 is a double without rounding.</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Clinger's fast path: with at most 15 significant digits and 22 decimals the digits and the power of ten are both
    /// exact doubles, so one division rounds correctly, giving the very double a full parser gives. Longer numbers are
    /// left to the full parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryExact(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var negative = number[0] == (byte)'-';
        long digits = 0;
        int significant = 0, decimals = 0;
        var afterPoint = false;
        foreach (var b in negative ? number[1..] : number)
        {
            if (b == (byte)'.')
            {
                afterPoint = true;
                continue;
            }
            if (significant > 0 || b != (byte)'0') significant++;
            digits = digits * 10 + (b - '0');
            if (afterPoint) decimals++;
            if (significant > 15 || decimals > 22) return false;
        }
        value = digits / PowersOfTen[decimals];
        if (negative) value = -value;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> text, scoped ref int at, ReadOnlySpan<byte> literal)
    {
        if (!text[at..].StartsWith(literal)) return false;
        at += literal.Length;
        return true;
    }

    /// <summary>A string of printable ASCII without escapes: its bytes are its characters.</summary>
    private static bool PlainString(ReadOnlySpan<byte> text, scoped ref int at, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (at >= text.Length || text[at] != (byte)'"') return false;
        var rest = text[(at + 1)..];
        var end = rest.IndexOf((byte)'"');
        if (end < 0) return false;
        value = rest[..end];
        if (value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0 || value.Contains((byte)'\\')) return false;
        at += end + 2;
        return true;
    }

    /// <summary>A JSON number without exponent: -?(0|[1-9][0-9]*)(.[0-9]+)?, at most 40 characters.</summary>
    private static bool PlainNumber(ReadOnlySpan<byte> text, scoped ref int at, out ReadOnlySpan<byte> value)
    {
        value = default;
        var start = at;
        var i = at;
        if (i < text.Length && text[i] == (byte)'-') i++;
        var digits = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9) i++;
        if (i == digits || (text[digits] == (byte)'0' && i - digits > 1)) return false;
        if (i < text.Length && text[i] == (byte)'.')
        {
            var fraction = ++i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9) i++;
            if (i == fraction) return false;
        }
        if (i < text.Length && (text[i] | 0x20) == (byte)'e') return false;
        if (i - start > 40) return false;
        value = text[start..i];
        at = i;
        return true;
    }
}
