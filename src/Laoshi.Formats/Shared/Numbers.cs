using System.Globalization;

namespace Laoshi.Formats.Shared;

/// <summary>Numbers as text files hold them: invariant culture, and the shortest form that reads back to the same double.</summary>
internal static class Numbers
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
