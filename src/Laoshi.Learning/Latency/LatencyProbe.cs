using System.Collections.Concurrent;
using System.Diagnostics;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;

namespace Laoshi.Learning.Latency;

/// <summary>
/// Measures a model endpoint as a client sees it: N workers each send one request (a PredictAsync of BatchSize items,
/// cycling through the sample items) after another until the count is reached; each request's wall time is a sample.
/// A failed request counts as an error (its time is not a latency sample) so a flaky backend shows as errors, not as
/// fast answers.
/// </summary>
public static class LatencyProbe
{
    public static async Task<LatencyReport> RunAsync(IItemModel model, IReadOnlyList<ModelInput> items, LatencyOptions options,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0) throw new BadInputException("there are no items to send to the model", field: "project");
        if (options.Concurrency < 1 || options.Concurrency > 1024) throw new BadInputException("concurrency must be between 1 and 1024", field: "concurrency");
        if (options.Requests < 1) throw new BadInputException("requests must be at least 1", field: "requests");
        if (options.BatchSize < 1) throw new BadInputException("batch size must be at least 1", field: "batch_size");

        IReadOnlyList<ModelInput> Batch(long n) => [.. Enumerable.Range(0, options.BatchSize).Select(k => items[(int)((n * options.BatchSize + k) % items.Count)])];
        for (var w = 0; w < options.Warmup; w++) await model.PredictAsync(Batch(w), cancellationToken);

        var samples = new ConcurrentQueue<double>();
        var errors = 0;
        string? firstError = null;
        long next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(options.Concurrency, options.Requests)).Select(_ => Task.Run(async () =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) < options.Requests)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await model.PredictAsync(Batch(n), cancellationToken);
                    samples.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;

        var inOrder = samples.ToList();
        var sorted = inOrder.Order().ToList();
        var ok = sorted.Count;
        return new LatencyReport(model.Version, options.Concurrency, options.Requests, options.BatchSize, errors, seconds,
            ok / seconds, ok * options.BatchSize / seconds, ok == 0 ? double.NaN : sorted.Average(),
            ok == 0 ? double.NaN : sorted[0], Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 95), Percentiles.Of(sorted, 99),
            ok == 0 ? double.NaN : sorted[^1], inOrder, firstError);
    }
}
