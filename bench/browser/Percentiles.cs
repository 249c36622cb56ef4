namespace Laoshi.Bench.Browser;

/// <summary>Summary of a set of timings in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new Percentiles(0, 0, 0, 0, 0);
        var sorted = samples.Order().ToArray();
        double At(double q) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 2);
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), Math.Round(sorted[^1], 2));
    }
}
