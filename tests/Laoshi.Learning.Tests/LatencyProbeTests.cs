using System.Text.Json.Nodes;
using System.Xml.Linq;
using Laoshi.Core.Models;
using Laoshi.Core.Schema;
using Laoshi.Learning.External;
using Laoshi.Learning.Latency;

namespace Laoshi.Learning.Tests;

public sealed class LatencyProbeTests
{
    [Fact]
    public void Percentiles_interpolate_between_samples_as_numpy_does()
    {
        double[] sorted = [1, 2, 3, 4, 10];

        // numpy.percentile([1, 2, 3, 4, 10], [50, 95, 99]) = [3.0, 8.8, 9.76]
        Assert.Equal(3.0, Percentiles.Of(sorted, 50), 9);
        Assert.Equal(8.8, Percentiles.Of(sorted, 95), 9);
        Assert.Equal(9.76, Percentiles.Of(sorted, 99), 9);
    }

    [Fact]
    public async Task A_slow_backend_measured_with_concurrency_shows_its_delay_and_the_throughput_concurrency_buys()
    {
        // The backend sleeps 50 ms per request and serves requests in parallel threads.
        await using var backend = await BackendProcess.StartAsync(delayMs: 50);
        using var http = new HttpClient();
        var schema = LabelStudioConfig.Parse("""<View><Text name="text" value="$text"/><Choices name="s" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>""");
        await using var model = new LabelStudioBackend(http, new LabelStudioBackendOptions(backend.Url, schema, "1"), "slow@1");
        ModelInput[] items = [new("1", new JsonObject { ["text"] = "good" }), new("2", new JsonObject { ["text"] = "bad" })];

        var report = await LatencyProbe.RunAsync(model, items, new LatencyOptions(Concurrency: 4, Requests: 24), TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Errors);
        Assert.Equal(24, report.LatenciesMs.Count);
        Assert.InRange(report.P50Ms, 50, 1000);
        Assert.True(report.P50Ms <= report.P95Ms && report.P95Ms <= report.P99Ms && report.P99Ms <= report.MaxMs);
        // four at a time: more than one request per 50 ms on average
        Assert.True(report.RequestsPerSecond > 20, $"{report.RequestsPerSecond} requests/s");
        var json = report.ToJson();
        Assert.Equal("slow@1", json["model"]!.GetValue<string>());
        Assert.Equal(4, json["concurrency"]!.GetValue<int>());
        foreach (var name in new[] { "p50_ms", "p95_ms", "p99_ms", "requests_per_second" }) Assert.NotNull(json[name]);

        var svg = XDocument.Parse(LatencyChart.ToSvg(report));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains("p95", svg.Root.Value);
    }

    [Fact]
    public async Task Failed_requests_are_counted_as_errors_not_as_latencies()
    {
        await using var model = new FailingEveryOther();

        var report = await LatencyProbe.RunAsync(model, [new ModelInput("1", [])], new LatencyOptions(Concurrency: 1, Requests: 10, Warmup: 0), TestContext.Current.CancellationToken);

        Assert.Equal(5, report.Errors);
        Assert.Equal(5, report.LatenciesMs.Count);
        Assert.Equal("every other call fails", report.FirstError);
    }

    private sealed class FailingEveryOther : IItemModel
    {
        private int _calls;

        public string Version => "flaky";

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) % 2 == 0
                ? throw new ModelBackendException("every other call fails")
                : Task.FromResult<IReadOnlyList<ModelAnswer>>([.. inputs.Select(i => new ModelAnswer(i.ItemId, []))]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
