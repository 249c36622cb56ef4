namespace Laoshi.Quality;

public enum AgreementMetric { Cohen, Fleiss, Krippendorff, Percent }

public static class AgreementMetrics
{
    public static string Name(AgreementMetric metric) => metric.ToString().ToLowerInvariant();
    public static string Name(MeasurementLevel level) => level.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AgreementMetric metric) =>
        Enum.TryParse(text, ignoreCase: true, out metric) && Enum.IsDefined(metric) && !int.TryParse(text, out _);

    public static bool TryParse(string? text, out MeasurementLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(text, out _);
}
