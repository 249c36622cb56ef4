using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>
/// 3. `laoshi serve` on a project of N text items, with many annotators at once over HTTP on 127.0.0.1, each
/// looping POST /next then POST /items/{id}/annotations (a choice): latency per pair and pairs per second;
/// then the same clients on GET /health for the same time, as the ceiling of the server and this machine.
/// </summary>
public static class LoadBenchmark
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        """{"result":[{"from_name":"sentiment","to_name":"text","type":"choices","value":{"choices":["positive"]}}],"lead_time":1.5}""");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<JsonObject> RunAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var options = workspace.Options;
        var cli = await workspace.TextDataAsync(cancellationToken);
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);

        Workspace.Log($"load: starting laoshi serve on {options.Items:N0} items");
        await using var server = await ServerUnderTest.StartAsync(cli, cancellationToken);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 4096,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var users = Enumerable.Range(1, options.Clients).Select(i => $"annotator-{i:00}").ToArray();
        var project = Uri.EscapeDataString(Workspace.TextProject);
        var tokens = await BenchPeople.TokensAsync(cli, server.Address, Workspace.TextProject, users, cancellationToken);

        // The /next part of each pair, per client (each client runs one round at a time, so no locking).
        var nextMs = Enumerable.Range(0, options.Clients).Select(_ => new List<double>()).ToArray();

        async Task<string?> PairAsync(int index, CancellationToken ct)
        {
            long id;
            var started = Stopwatch.GetTimestamp();
            using (var next = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{project}/next"))
            {
                next.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[index]);
                using var response = await client.SendAsync(next, HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode == HttpStatusCode.NoContent) return "exhausted";
                if (response.StatusCode != HttpStatusCode.OK) return $"next {(int)response.StatusCode}";
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var item = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                id = item.RootElement.GetProperty("id").GetInt64();
            }
            nextMs[index].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{project}/items/{id}/annotations")
            {
                Content = new ByteArrayContent(Answer) { Headers = { ContentType = Json } },
            };
            submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[index]);
            using var saved = await client.SendAsync(submit, HttpCompletionOption.ResponseContentRead, ct);
            return saved.StatusCode == HttpStatusCode.Created ? null : $"submit {(int)saved.StatusCode}";
        }

        async Task<string?> HealthAsync(int index, CancellationToken ct)
        {
            using var response = await client.GetAsync("/health", HttpCompletionOption.ResponseContentRead, ct);
            return response.StatusCode == HttpStatusCode.OK ? null : $"health {(int)response.StatusCode}";
        }

        Workspace.Log($"load: {options.Clients} annotators, {warmup.TotalSeconds} s warm-up then {duration.TotalSeconds} s measured");
        if (warmup > TimeSpan.Zero) await new LoadPhase(options.Clients, warmup).RunAsync(PairAsync, cancellationToken);
        foreach (var list in nextMs) list.Clear();
        var pairs = await new LoadPhase(options.Clients, duration).RunAsync(PairAsync, cancellationToken);
        var nextLatency = LatencyStats.Summarise([.. nextMs.SelectMany(l => l)]);
        var rssAfterPairs = server.Process.PeakSoFar;

        Workspace.Log($"load: {options.Clients} clients on GET /health for {duration.TotalSeconds} s");
        if (warmup > TimeSpan.Zero) await new LoadPhase(options.Clients, warmup).RunAsync(HealthAsync, cancellationToken);
        var health = await new LoadPhase(options.Clients, duration).RunAsync(HealthAsync, cancellationToken);
        var serverRun = await server.StopAsync();

        var stats = await cli.StatsAsync(Workspace.TextProject, cancellationToken);
        var pairsPerSecond = pairs.RoundsPerSecond;
        var healthPerSecond = health.RoundsPerSecond;
        var ratio = 2 * pairsPerSecond / healthPerSecond;
        var pairLatency = LatencyStats.Summarise(pairs.LatenciesMs);
        var result = new JsonObject
        {
            ["items"] = options.Items,
            ["clients"] = options.Clients,
            ["warmup_seconds"] = warmup.TotalSeconds,
            ["duration_seconds"] = duration.TotalSeconds,
            ["pairs"] = Phase(pairs, pairLatency),
            ["next_part_of_pairs"] = nextLatency,
            ["health"] = Phase(health, LatencyStats.Summarise(health.LatenciesMs)),
            ["pairs_per_second"] = Math.Round(pairsPerSecond, 1),
            ["requests_per_second_in_pairs"] = Math.Round(2 * pairsPerSecond, 1),
            ["health_requests_per_second"] = Math.Round(healthPerSecond, 1),
            ["throughput_ratio"] = Math.Round(ratio, 3),
            ["annotations_stored"] = stats["annotations"]?.DeepClone(),
            ["server"] = new JsonObject
            {
                ["peak_rss_mb"] = serverRun.PeakRssMegabytes,
                ["peak_rss_mb_after_pairs"] = MeasuredRun.Megabytes(rssAfterPairs),
                ["exit_code"] = serverRun.ExitCode,
            },
        };
        new Targets()
            .AtMost("pairs.p99_ms", pairLatency["p99_ms"]?.GetValue<double>() ?? double.PositiveInfinity, 25)
            .AtLeast("throughput_ratio", ratio, 0.3)
            .WriteTo(result);
        workspace.Delete(cli.DataDirectory);
        return result;
    }

    private static JsonObject Phase(LoadPhase.Outcome outcome, JsonObject latency) => new()
    {
        ["completed"] = outcome.LatenciesMs.Count,
        ["seconds"] = Math.Round(outcome.Seconds, 3),
        ["per_second"] = Math.Round(outcome.RoundsPerSecond, 1),
        ["latency"] = latency,
        ["failures"] = new JsonObject([.. outcome.Failures.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
        ["ran_out_of_items"] = outcome.Exhausted,
    };
}
