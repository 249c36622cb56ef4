using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// Masks personal data. Returns a new string; the caller keeps the original (the cleaning pass stores masked
/// copies, so nothing is silently lost).
/// </summary>
public static class PiiMasker
{
    /// <summary>Finds every kind with <see cref="PiiScanner"/> and masks it.</summary>
    public static string Mask(string text, PiiMaskStyle style = PiiMaskStyle.Partial) =>
        Mask(text, PiiScanner.Find(text), style);

    /// <summary>Masks the given matches (from <see cref="PiiScanner.Find(string)"/> on the same text; they must not overlap).</summary>
    public static string Mask(string text, IReadOnlyList<PiiMatch> matches, PiiMaskStyle style = PiiMaskStyle.Partial)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (matches.Count == 0) return text;
        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var match in matches.OrderBy(m => m.Start))
        {
            if (match.Start < at || match.End > text.Length)
                throw new ArgumentException($"match {match} overlaps another or lies outside the text", nameof(matches));
            builder.Append(text, at, match.Start - at);
            builder.Append(Masked(match, style));
            at = match.End;
        }
        builder.Append(text, at, text.Length - at);
        return builder.ToString();
    }

    private static string Masked(PiiMatch match, PiiMaskStyle style) => style switch
    {
        PiiMaskStyle.Label => $"[{match.Kind.JsonName().ToUpperInvariant()}]",
        PiiMaskStyle.Full => Stars(match.Value, keepFirst: 0, keepLast: 0),
        _ => match.Kind switch
        {
            PiiKind.Email => PartialEmail(match.Value),
            PiiKind.Phone => Stars(match.Value, keepFirst: DigitsBeforeNumber(match.Value) + 3, keepLast: 4),
            PiiKind.IdNumber => Stars(match.Value, keepFirst: 0, keepLast: 4),
            PiiKind.BankCard => Stars(match.Value, keepFirst: 0, keepLast: 4),
            _ => PartialIp(match.Value),
        },
    };

    // Digits and letters become *, except the first/last N digits; separators stay so the shape is still readable.
    private static string Stars(string value, int keepFirst, int keepLast)
    {
        var total = value.Count(IsMaskable);
        // Whatever is kept, at least four characters (or all of a short value) are hidden.
        keepLast = Math.Min(keepLast, Math.Max(0, total - 4));
        keepFirst = Math.Min(keepFirst, Math.Max(0, total - keepLast - 4));
        var chars = value.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsMaskable(chars[i])) continue;
            if (seen >= keepFirst && seen < total - keepLast) chars[i] = '*';
            seen++;
        }
        return new string(chars);
    }

    private static bool IsMaskable(char c) => char.IsLetterOrDigit(c);

    // A country code (+86 ...) is not part of what identifies a person; its digits are kept besides the first three of the number.
    private static int DigitsBeforeNumber(string phone)
    {
        var folded = FullWidth.ToHalfWidth(phone).TrimStart('(');
        if (folded.StartsWith("0086", StringComparison.Ordinal)) return 4;
        if (folded.StartsWith("+86", StringComparison.Ordinal)) return 2;
        if (folded.StartsWith("86", StringComparison.Ordinal) && folded.Count(char.IsAsciiDigit) == 13) return 2;
        if (!folded.StartsWith('+')) return 0;
        return Math.Min(folded.Skip(1).TakeWhile(char.IsAsciiDigit).Count(), 3);
    }

    private static string PartialEmail(string email)
    {
        var at = email.LastIndexOfAny(['@', '＠']);
        return at <= 0 ? Stars(email, 0, 0) : $"{email[0]}***{email[at..]}";
    }

    private static string PartialIp(string ip)
    {
        var separator = ip.IndexOfAny(['.', ':']);
        if (separator < 0) return Stars(ip, 0, 0);
        return ip[..(separator + 1)] + Stars(ip[(separator + 1)..], 0, 0);
    }
}
