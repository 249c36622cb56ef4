using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Laoshi.Cleaning;

/// <summary>
/// Finds personal data in text: e-mail addresses, phone numbers (Chinese mobile and landline, international with
/// +country code), Chinese resident ID numbers (checksum and birth date checked), bank card numbers (Luhn checked),
/// IPv4 and IPv6 addresses. Full-width digits and @ count as their ASCII forms. Where two kinds overlap the more
/// specific wins (e-mail, then ID number, bank card, phone, IP). Thread-safe.
/// </summary>
public static class PiiScanner
{
    /// <summary>Every kind found, in text order, none overlapping.</summary>
    public static IReadOnlyList<PiiMatch> Find(string text) => Find(text, PiiKinds.All);

    /// <summary>The given kinds found, in text order, none overlapping.</summary>
    public static IReadOnlyList<PiiMatch> Find(string text, IReadOnlyCollection<PiiKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !MayHold(text)) return [];
        var folded = FullWidth.ToHalfWidth(text);
        var found = new List<PiiMatch>();
        void Add(PiiKind kind, Regex pattern, Func<string, bool> valid)
        {
            if (!kinds.Contains(kind)) return;
            foreach (var match in pattern.EnumerateMatches(folded))
            {
                var candidate = folded.Substring(match.Index, match.Length);
                if (!valid(candidate) || Overlaps(found, match.Index, match.Length)) continue;
                found.Add(new PiiMatch(kind, match.Index, match.Length, text.Substring(match.Index, match.Length)));
            }
        }
        Add(PiiKind.Email, PiiPatterns.Email(), _ => true);
        Add(PiiKind.IdNumber, PiiPatterns.IdNumber(), id => ChineseResidentId.IsValid(id));
        Add(PiiKind.BankCard, PiiPatterns.BankCard(), IsBankCard);
        Add(PiiKind.Phone, PiiPatterns.ChineseMobile(), _ => true);
        Add(PiiKind.Phone, PiiPatterns.ChineseLandline(), _ => true);
        Add(PiiKind.Phone, PiiPatterns.InternationalPhone(), IsInternationalPhone);
        Add(PiiKind.Ip, PiiPatterns.IPv4(), _ => true);
        Add(PiiKind.Ip, PiiPatterns.IPv6(), IsIPv6);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>How many of each kind the text holds.</summary>
    public static IReadOnlyDictionary<PiiKind, int> Count(string text) =>
        Find(text).GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Count());

    // Every kind needs a digit, an @ or a colon (IPv6 like "::1" has digits; "fe80::" has a colon); most text has
    // digits, but many short labels have none, and this skips them without running eight patterns.
    private static bool MayHold(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '0' and <= '9') or '@' or ':' or (>= '\uFF10' and <= '\uFF19') or '\uFF20' or '\uFF1A') return true;
        }
        return false;
    }

    private static bool Overlaps(List<PiiMatch> found, int start, int length)
    {
        foreach (var match in found)
        {
            if (start < match.End && match.Start < start + length) return true;
        }
        return false;
    }

    private static bool IsBankCard(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 13 and <= 19 && Luhn.IsValid(candidate) && !AllSameDigit(candidate);
    }

    private static bool AllSameDigit(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).ToArray();
        return digits.All(d => d == digits[0]);
    }

    // E.164 allows at most 15 digits with the country code; fewer than 8 is a short code or a fragment.
    private static bool IsInternationalPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    private static bool IsIPv6(string candidate)
    {
        var colons = candidate.Count(c => c == ':');
        if (colons < 2 || (colons < 7 && !candidate.Contains("::", StringComparison.Ordinal))) return false;
        if (candidate == "::") return false;
        return IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }
}
