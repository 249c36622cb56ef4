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
        var folded = Fold(text);
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
        // International first: "+7 139 1234 5678" is one Russian number, not a Chinese mobile after "+7".
        Add(PiiKind.Phone, PiiPatterns.InternationalPhone(), IsInternationalPhone);
        Add(PiiKind.Phone, PiiPatterns.ChineseMobile(), _ => true);
        Add(PiiKind.Phone, PiiPatterns.ChineseLandline(), _ => true);
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

    // Full-width digits, letters and @ count as ASCII; the full-width colon does not, because Chinese writes it after a
    // label (地址：2001:db8::1) and it must not read as part of an IPv6 address. Same length, so offsets hold.
    private static string Fold(string text)
    {
        var folded = FullWidth.ToHalfWidth(text);
        if (ReferenceEquals(folded, text) || !text.Contains('\uFF1A')) return folded;
        return string.Create(text.Length, (text, folded), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = state.text[i] == '\uFF1A' ? '\uFF1A' : state.folded[i];
        });
    }

    private static bool Overlaps(List<PiiMatch> found, int start, int length)
    {
        foreach (var match in found)
        {
            if (start < match.End && match.Start < start + length) return true;
        }
        return false;
    }

    // Card numbers start with a financial-industry digit (2 Mastercard 2221–2720, 3 Amex/JCB, 4 Visa, 5 Mastercard, 6 UnionPay
    // and Discover). An 18-digit number shaped like a resident ID whose check character is wrong is a mistyped ID, not
    // a card that happens to pass Luhn (one in ten such numbers would).
    private static bool IsBankCard(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits is < 13 or > 19 || candidate[0] is < '2' or > '6') return false;
        // Mastercard's 2-series is 2221–2720; other numbers starting with 2 are mostly dates and timestamps (20231115…).
        if (candidate[0] == '2' && (candidate.Length < 4 || int.Parse(candidate.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) is < 2221 or > 2720)) return false;
        if (digits == 18 && candidate.Length == 18 && PiiPatterns.IdNumber().IsMatch(candidate)) return false;
        return Luhn.IsValid(candidate) && !AllSameDigit(candidate);
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
