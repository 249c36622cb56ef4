using System.Text.Json.Nodes;
using Laoshi.Server.Hosting;
using Laoshi.Storage;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi jobs list|show|cancel|retry` on a data folder, with no server running.</summary>
public sealed class JobsCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"laoshi-jobs-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Jobs_are_listed_shown_cancelled_and_retried_from_the_command_line()
    {
        var ct = TestContext.Current.CancellationToken;
        long queued, failed;
        await using (var bench = await Workbench.OpenAsync(new ServerSettings { DataDirectory = _data }, null, ct))
        {
            queued = (await bench.Store.Jobs.EnqueueAsync(null, "evaluation", new JsonObject { ["model"] = "m@1" }, "ana", 3, ct)).Id;
            failed = (await bench.Store.Jobs.EnqueueAsync(null, "clean", [], "bo", 1, ct)).Id;
            var run = await bench.Store.Jobs.ClaimAsync(["clean"], "gone", TimeSpan.FromMinutes(1), ct);
            await bench.Store.Jobs.FinishAsync(run!.Id, "gone", JobStates.Failed, null, "the snapshot 'test' does not exist", ct);
        }

        var list = await CliProcess.RunAsync(_data, "jobs", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        var jobs = JsonNode.Parse(list.Output)!["jobs"]!.AsArray();
        Assert.Equal([failed, queued], jobs.Select(j => j!["id"]!.GetValue<long>()));
        Assert.Equal("failed", jobs[0]!["state"]!.GetValue<string>());

        var show = await CliProcess.RunAsync(_data, "jobs", "show", $"{failed}");
        Assert.Equal(1, show.ExitCode);
        Assert.Contains("Error: the snapshot 'test' does not exist", show.Output);
        Assert.Contains("#1 attempt 1 of 1 started on gone", show.Output);

        var cancel = await CliProcess.RunAsync(_data, "jobs", "cancel", $"{queued}");
        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains($"Job {queued} cancelled.", cancel.Output);
        var again = await CliProcess.RunAsync(_data, "jobs", "cancel", $"{queued}");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already finished (cancelled)", again.Error);

        var retry = await CliProcess.RunAsync(_data, "jobs", "retry", $"{failed}", "--max-attempts", "2", "--json");
        Assert.Equal(0, retry.ExitCode);
        var retried = JsonNode.Parse(retry.Output)!;
        Assert.Equal("queued", retried["state"]!.GetValue<string>());
        Assert.Equal(3, retried["max_attempts"]!.GetValue<int>());

        var shown = JsonNode.Parse((await CliProcess.RunAsync(_data, "jobs", "show", $"{failed}", "--json")).Output)!;
        Assert.Contains(shown["log"]!.AsArray(), l => l!["line"]!.GetValue<string>().StartsWith("retried by ", StringComparison.Ordinal));

        var missing = await CliProcess.RunAsync(_data, "jobs", "show", "999");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("job 999 not found", missing.Error);
    }
}
