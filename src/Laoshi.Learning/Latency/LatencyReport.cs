using System.Text.Json.Nodes;

namespace Laoshi.Learning.Latency;

/// <summary>
/// Latency and throughput of one model endpoint. Percentiles interpolate linearly between the sorted samples
/// (numpy's default), in milliseconds. LatenciesMs keeps every sample, in completion order, for the chart.
/// </summary>
public sealed record LatencyReport(
    string Model, int Concurrency, int Requests, int BatchSize, int Errors, double DurationSeconds,
    double RequestsPerSecond, double ItemsPerSecond, double MeanMs, double MinMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyList<double> LatenciesMs, string? FirstError)
{
    public JsonObject ToJson() => new()
    {
        ["model"] = Model,
        ["concurrency"] = Concurrency,
        ["requests"] = Requests,
        ["batch_size"] = BatchSize,
        ["errors"] = Errors,
        ["duration_s"] = Math.Round(DurationSeconds, 4),
        ["requests_per_second"] = Math.Round(RequestsPerSecond, 2),
        ["items_per_second"] = Math.Round(ItemsPerSecond, 2),
        ["mean_ms"] = Math.Round(MeanMs, 3),
        ["min_ms"] = Math.Round(MinMs, 3),
        ["p50_ms"] = Math.Round(P50Ms, 3),
        ["p95_ms"] = Math.Round(P95Ms, 3),
        ["p99_ms"] = Math.Round(P99Ms, 3),
        ["max_ms"] = Math.Round(MaxMs, 3),
        ["first_error"] = FirstError,
    };
}
