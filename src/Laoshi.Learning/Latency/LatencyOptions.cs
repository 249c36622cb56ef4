namespace Laoshi.Learning.Latency;

/// <summary>How hard to push a model: requests in flight at once, requests measured, batch size of each, warm-up requests not counted.</summary>
public sealed record LatencyOptions(int Concurrency = 1, int Requests = 100, int BatchSize = 1, int Warmup = 2);
