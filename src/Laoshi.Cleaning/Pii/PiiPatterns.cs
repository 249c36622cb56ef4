using System.Text.RegularExpressions;

namespace Laoshi.Cleaning;

/// <summary>
/// The candidate patterns behind <see cref="PiiScanner"/>. They run on a half-width copy of the text (same length,
/// so offsets hold), use [0-9] rather than \d (which also matches other scripts' digits), and refuse to start or end
/// inside a longer run of digits or letters, so part of an order number is not reported as a phone number.
/// Checksums and dates are checked afterwards, in code.
/// </summary>
internal static partial class PiiPatterns
{
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
        RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-8][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])",
        RegexOptions.CultureInvariant)]
    public static partial Regex IdNumber();

    // 13–19 digits, either in one run or in groups of four (the last group shorter) split by spaces or hyphens.
    [GeneratedRegex(@"(?<![0-9A-Za-z\-])(?:[0-9]{13,19}|[0-9]{4}(?:[ \-][0-9]{4}){2,3}(?:[ \-][0-9]{1,3})?|[0-9]{6}[ \-][0-9]{13})(?![0-9A-Za-z]|[ \-][0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex BankCard();

    // Chinese mobile numbers: 1[3-9] then nine digits, optionally after +86 / 0086 / (+86), optionally split 3-4-4 by
    // one kind of separator (space, hyphen or dot: 138.1234.5678).
    [GeneratedRegex(@"(?<![0-9A-Za-z+.])(?:(?:\(\+?86\)|\+86|0086|86)[ \-]?)?1[3-9][0-9](?:[0-9]{8}|([ \-.])[0-9]{4}\1[0-9]{4})(?![0-9A-Za-z]|[ \-.][0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex ChineseMobile();

    // Chinese landlines need the area code and a separator (010-12345678, (021) 6123 4567): bare runs of digits are too often something else.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:0[1-9][0-9]{1,2}-|\(0[1-9][0-9]{1,2}\) ?)[2-9][0-9]{2,3}[ \-]?[0-9]{4}(?![0-9A-Za-z]|[ \-][0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex ChineseLandline();

    // International numbers must carry their + and country code: +44 20 7946 0958, +1 (415) 555-2671, +49-30-901820.
    [GeneratedRegex(@"(?<![0-9A-Za-z+])\+[1-9][0-9]{0,2}(?:[ \-.]?\([0-9]{1,4}\))?(?:[ \-.]?[0-9]{1,5}){1,6}(?![0-9A-Za-z]|[ \-.][0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex InternationalPhone();

    [GeneratedRegex(@"(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9A-Za-z]|\.[0-9])",
        RegexOptions.CultureInvariant)]
    public static partial Regex IPv4();

    // Loose on purpose; IPAddress.TryParse decides.
    [GeneratedRegex(@"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:[0-9]{1,3}\.){3}[0-9]{1,3})?(?![0-9A-Za-z:])",
        RegexOptions.CultureInvariant)]
    public static partial Regex IPv6();
}
