using System.Globalization;
using Laoshi.Core.Errors;

namespace Laoshi.Cli.Commands;

/// <summary>Reads a time budget as people write it: 90s, 10m, 1.5h, or plain seconds.</summary>
public static class BudgetText
{
    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed.Length > 0 && char.IsLetter(trimmed[^1]) ? (trimmed[..^1], trimmed[^1]) : (trimmed, 's');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
            throw new BadInputException($"--budget '{text}' is not a time like 90s, 10m or 1h", field: "budget");
        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => throw new BadInputException($"--budget '{text}': the unit is s, m or h", field: "budget"),
        };
    }
}
