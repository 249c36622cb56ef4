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

    /// <summary>Bit k set: the name at position k was the known name at that position.</summary>
    public uint KnownNames;

    /// <summary>
    /// Takes the line apart; score names go to <paramref name="nameStarts"/> and <paramref name="nameLengths"/> as
    /// positions in <paramref name="text"/>. <paramref name="knownNames"/> holds the names the last lines had at each
    /// position (printable ASCII without escapes, already checked): a name that is the same again is taken by one
    /// comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> text, bool scoresAllowed, List<(byte[] Utf8, int Id)> knownNames, Span<int> nameStarts,
        Span<int> nameLengths, Span<double> scores, out FastCaseLine line)
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
                int nameLength;
                if (line.ScoreCount < knownNames.Count && Known(text, at, knownNames[line.ScoreCount].Utf8))
                {
                    nameLength = knownNames[line.ScoreCount].Utf8.Length;
                    at += nameLength + 3;
                    line.KnownNames |= 1u << line.ScoreCount;
                }
                else
                {
                    if (!PlainString(text, ref at, out var name) || !Literal(text, ref at, ":"u8)) return false;
                    nameLength = name.Length;
                }
                if (!Score(text, ref at, out var score)) return false;
                nameStarts[line.ScoreCount] = start;
                nameLengths[line.ScoreCount] = nameLength;
                scores[line.ScoreCount++] = score;
                if (Literal(text, ref at, "}"u8)) break;
                if (!Literal(text, ref at, ","u8)) return false;
            }
        }
        return Literal(text, ref at, "}"u8) && at == text.Length;
    }

    /// <summary>Whether <paramref name="text"/> holds <c>"name":</c> at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Known(ReadOnlySpan<byte> text, int at, byte[] name) =>
        text.Length - at > name.Length + 2 && text[at] == (byte)'"' && text.Slice(at + 1, name.Length).SequenceEqual(name)
        && text[at + 1 + name.Length] == (byte)'"' && text[at + 2 + name.Length] == (byte)':';

    /// <summary>
    /// A JSON number without exponent (-?(0|[1-9][0-9]*)(.[0-9]+)?, at most 40 characters) read and checked in one pass,
    /// converted by Clinger's fast path: with at most 15 digits the digits and the power of ten are both exact doubles,
    /// so one division rounds correctly, giving the very double a full parser gives. Longer numbers (leading zeros
    /// included) go to the full parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Score(ReadOnlySpan<byte> text, scoped ref int at, out double value)
    {
        value = 0;
        var start = at;
        var i = at;
        var negative = i < text.Length && text[i] == (byte)'-';
        if (negative) i++;
        var first = i;
        long digits = 0;
        while (i < text.Length && (uint)(text[i] - '0') <= 9) digits = digits * 10 + (text[i++] - '0');
        if (i == first || (text[first] == (byte)'0' && i - first > 1)) return false;
        var decimals = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            var fraction = ++i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9) digits = digits * 10 + (text[i++] - '0');
            if (i == fraction) return false;
            decimals = i - fraction;
        }
        if (i < text.Length && (text[i] | 0x20) == (byte)'e') return false;
        if (i - start > 40) return false;
        at = i;
        // At most 15 digits in all (so at most 15 significant ones and 15 decimals): the fast path's conditions hold.
        if (i - first - (decimals > 0 ? 1 : 0) <= 15)
        {
            value = digits / PowersOfTen[decimals];
            if (negative) value = -value;
            return true;
        }
        return double.TryParse(text[start..i], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Exact powers of ten: every one up to 1e22 is a double without rounding.</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
