using System.Globalization;

namespace Laoshi.Cleaning;

/// <summary>
/// The 18-character Chinese resident identity number (GB 11643-1999): 6-digit region code, birth date YYYYMMDD,
/// 3-digit sequence, and a check character (ISO 7064 MOD 11-2: 0–9 or X).
/// </summary>
public static class ChineseResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>True when the number has 18 characters, a plausible region, a real birth date and the right check character.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = id[i] - '0';
            if (digit is < 0 or > 9) return false;
            sum += digit * Weights[i];
        }
        if (char.ToUpperInvariant(id[17]) != CheckCharacters[sum % 11]) return false;
        // Region codes start with 1–8 (provinces); 9 is not issued.
        if (id[0] is < '1' or > '8') return false;
        return DateOnly.TryParseExact(id.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            && birth.Year >= 1900 && birth <= DateOnly.FromDateTime(DateTime.UtcNow);
    }

    /// <summary>The check character for the first 17 digits (for tests and generated data).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 digits are needed", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}
