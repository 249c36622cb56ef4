using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>Percentiles (nearest rank) of latencies in milliseconds.</summary>
public static class LatencyStats
{
    public static JsonObject Summarise(List<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new JsonObject { ["count"] = 0 };
        milliseconds.Sort();
        return new JsonObject
        {
            ["count"] = milliseconds.Count,
            ["p50_ms"] = Percentile(milliseconds, 50),
            ["p95_ms"] = Percentile(milliseconds, 95),
            ["p99_ms"] = Percentile(milliseconds, 99),
            ["max_ms"] = Math.Round(milliseconds[^1], 2),
            ["mean_ms"] = Math.Round(milliseconds.Average(), 2),
        };
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 2);
    }
}
