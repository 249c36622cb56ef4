namespace Laoshi.Cleaning;

/// <summary>The Luhn check digit that bank card numbers carry; separators (space, hyphen) are skipped.</summary>
public static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var digits = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var c = number[i];
            if (c is ' ' or '-') continue;
            var digit = c - '0';
            if (digit is < 0 or > 9) return false;
            if (digits % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            digits++;
        }
        return digits > 1 && sum % 10 == 0;
    }

    /// <summary>The digit that makes <paramref name="payload"/> followed by it Luhn-valid.</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var position = 0;
        for (var i = payload.Length - 1; i >= 0; i--, position++)
        {
            var digit = payload[i] - '0';
            if (position % 2 == 0)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
