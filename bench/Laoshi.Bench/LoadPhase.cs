using System.Diagnostics;

namespace Laoshi.Bench;

/// <summary>
/// Runs the same loop on many simulated clients at once for a fixed time and collects what each round took.
/// A round is whatever the loop does once (a next+submit pair, or one health check); it reports its own failures.
/// </summary>
public sealed class LoadPhase(int clients, TimeSpan duration, long maxRoundsPerClient = 10_000_000)
{
    /// <summary>Latencies of the rounds that succeeded, in ms; failed rounds by reason; rounds per second.</summary>
    public sealed record Outcome(List<double> LatenciesMs, Dictionary<string, long> Failures, double Seconds, bool Exhausted)
    {
        public double RoundsPerSecond => LatenciesMs.Count / Seconds;
    }

    /// <param name="round">One round for one client; returns null on success, else a short failure reason;
    /// "exhausted" stops that client (nothing left to do).</param>
    public async Task<Outcome> RunAsync(Func<int, CancellationToken, Task<string?>> round, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var end = duration;
        var perClient = new List<double>[clients];
        var failures = new Dictionary<string, long>();
        var exhausted = false;

        async Task ClientAsync(int client)
        {
            var latencies = perClient[client] = new List<double>(4096);
            for (long n = 0; n < maxRoundsPerClient && clock.Elapsed < end && !cancellationToken.IsCancellationRequested; n++)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await round(client, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = e.GetType().Name;
                }
                if (failure is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    continue;
                }
                lock (failures) failures[failure] = failures.GetValueOrDefault(failure) + 1;
                if (failure == "exhausted")
                {
                    exhausted = true;
                    return;
                }
                // Do not spin on a failing server.
                await Task.Delay(10, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c), cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Outcome([.. perClient.SelectMany(l => l ?? [])], failures, seconds, exhausted);
    }
}
