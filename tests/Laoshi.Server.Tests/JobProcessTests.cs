using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Server.JobHost;
using Laoshi.Storage;

namespace Laoshi.Server.Tests;

/// <summary>
/// Real server processes (the job host: `laoshi serve` plus the test job kinds, with a 4 s lease: shorter ones are
/// missed on a loaded test machine, and a missed lease means the job is taken over) sharing one queue: one is killed with
/// SIGKILL mid-job, and the job runs again on another or the restarted one, or fails cleanly once its attempts are
/// used up; two running side by side never run one job at the same time.
/// </summary>
public sealed class JobProcessTests : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"laoshi-jobs-{Guid.NewGuid():N}");
    private readonly string _markers;
    private readonly List<(Process Process, StringBuilder Output)> _hosts = [];
    private readonly List<LaoshiStore> _stores = [];
    private string? _database;

    public JobProcessTests()
    {
        _markers = Path.Combine(_data, "markers");
        Directory.CreateDirectory(_markers);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<LaoshiStore> StoreAsync()
    {
        var store = await LaoshiStore.OpenAsync(new StoreOptions(_data, _database), null, Ct);
        _stores.Add(store);
        return store;
    }

    private Process StartHost(int concurrency = 2)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Laoshi.Server.JobHost.dll"));
        foreach (var arg in new[] { "--data", _data, "--urls", $"http://127.0.0.1:{ServerFixture.FreePort()}", "--lease-ms", "4000", "--concurrency", $"{concurrency}" })
            start.ArgumentList.Add(arg);
        if (_database is not null)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(_database);
        }
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        // Read the output as it comes: a full pipe would stall the host.
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _hosts.Add((process, output));
        return process;
    }

    private string Output()
    {
        var text = new StringBuilder();
        foreach (var (process, output) in _hosts)
            lock (output) text.AppendLine($"--- host {process.Id}:").Append(output);
        return text.ToString();
    }

    private async Task<JobRecord> WaitForAsync(LaoshiStore store, long id, Func<JobRecord, bool> done, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await store.Jobs.GetAsync(id, Ct);
            if (done(job)) return job;
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} is {job.State} at {job.Progress:P0} after {seconds} s\n{Output()}");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no release of its jobs
        await process.WaitForExitAsync(Ct);
    }

    private JsonObject Steps(int steps, int stepMs) => new() { ["steps"] = steps, ["step_ms"] = stepMs, ["marker_dir"] = _markers };

    private string[] Runs(long id) => File.ReadAllLines(Path.Combine(_markers, $"{id}.runs")).Where(l => l.Length > 0).ToArray();

    private void AssertNeverRanTwiceAtOnce() =>
        Assert.True(Directory.GetFiles(_markers, "*.twice").Length == 0, "a job ran in two places at once\n" + Output());

    [Fact]
    public async Task A_job_cut_short_by_kill_minus_9_runs_again_on_the_restarted_server_and_finishes()
    {
        var store = await StoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, StepsHandler.KindName, Steps(40, 100), "ana", 3, Ct);
        var first = StartHost();
        await WaitForAsync(store, job.Id, j => j.Progress >= 0.1);
        await KillAsync(first);
        Assert.Equal(JobStates.Running, (await store.Jobs.GetAsync(job.Id, Ct)).State);

        var second = StartHost();
        var done = await WaitForAsync(store, job.Id, j => JobStates.IsFinished(j.State));

        Assert.Equal(JobStates.Succeeded, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(second.Id, done.Result!["pid"]!.GetValue<int>());
        Assert.Equal([$"{first.Id}", $"{second.Id}"], Runs(job.Id));
        var log = (await store.Jobs.LogAsync(job.Id, ct: Ct)).Items.Select(l => l.Line).ToList();
        Assert.Contains(log, l => l.EndsWith("stopped answering during attempt 1 of 3; queued to run again", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith($"attempt 2 of 3 started on {Environment.MachineName}:{second.Id}:", StringComparison.Ordinal));
        AssertNeverRanTwiceAtOnce();
    }

    [Fact]
    public async Task A_job_on_its_last_attempt_when_its_server_is_killed_fails_cleanly_and_the_restarted_server_goes_on()
    {
        var store = await StoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, StepsHandler.KindName, Steps(40, 100), "ana", 1, Ct);
        var first = StartHost();
        await WaitForAsync(store, job.Id, j => j.Progress >= 0.1);
        await KillAsync(first);

        StartHost();
        var failed = await WaitForAsync(store, job.Id, j => JobStates.IsFinished(j.State));
        Assert.Equal(JobStates.Failed, failed.State);
        Assert.Contains("stopped answering during attempt 1 of 1, the last one", failed.Error);
        Assert.NotNull(failed.FinishedAt);
        Assert.Null(failed.Owner);
        Assert.Single(Runs(job.Id));

        var next = await store.Jobs.EnqueueAsync(null, StepsHandler.KindName, Steps(2, 10), "ana", 1, Ct);
        Assert.Equal(JobStates.Succeeded, (await WaitForAsync(store, next.Id, j => JobStates.IsFinished(j.State))).State);
    }

    [Fact]
    public async Task Two_servers_on_postgresql_share_the_queue_and_when_one_is_killed_the_other_finishes_its_jobs()
    {
        if (TestPostgres.Skipped) Assert.Skip("LAOSHI_SKIP_POSTGRES=1: PostgreSQL tests skipped");
        _database = await TestPostgres.CreateDatabaseAsync();
        var store = await StoreAsync();
        var jobs = new List<long>();
        for (var i = 0; i < 12; i++) jobs.Add((await store.Jobs.EnqueueAsync(null, StepsHandler.KindName, Steps(8, 100), "ana", 3, Ct)).Id);
        var doomed = StartHost(concurrency: 2);
        var survivor = StartHost(concurrency: 2);

        // Kill one once each has run something, while it holds jobs.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(await Task.WhenAll(jobs.Select(id => store.Jobs.GetAsync(id, Ct)))).Any(j => j.State == JobStates.Running && j.Owner!.Contains($":{doomed.Id}:", StringComparison.Ordinal) && j.Progress > 0))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the first host never ran a job\n" + Output());
            await Task.Delay(100, Ct);
        }
        await KillAsync(doomed);

        var finished = new List<JobRecord>();
        foreach (var id in jobs) finished.Add(await WaitForAsync(store, id, j => JobStates.IsFinished(j.State)));
        Assert.All(finished, j => Assert.True(j.State == JobStates.Succeeded, $"job {j.Id}: {j.State} {j.Error}; runs by {string.Join(", ", Runs(j.Id))}\n{Output()}"));
        Assert.Contains(finished, j => j.Attempts == 2 && j.Result!["pid"]!.GetValue<int>() == survivor.Id);
        Assert.Contains(finished, j => j.Result!["pid"]!.GetValue<int>() == survivor.Id && j.Attempts == 1);
        Assert.All(finished, j => Assert.Equal(j.Attempts, Runs(j.Id).Length));
        AssertNeverRanTwiceAtOnce();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _hosts)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        foreach (var store in _stores) await store.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
