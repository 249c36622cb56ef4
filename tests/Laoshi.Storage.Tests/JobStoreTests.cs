using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Storage.Tests;

public abstract class JobStoreTests(StoreKind kind) : StoreTest(kind)
{
    private static readonly string[] Kinds = ["evaluation"];
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_queued_job_is_claimed_once_with_its_parameters_and_finishes_with_its_result()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var queued = await store.Jobs.EnqueueAsync(project.Id, "evaluation", new JsonObject { ["model"] = "m@1" }, "ana", 3, Ct);
        Assert.Equal(JobStates.Queued, queued.State);
        Assert.Equal("reviews", queued.ProjectName);

        var claimed = await store.Jobs.ClaimAsync(Kinds, "server-a", Lease, Ct);
        Assert.NotNull(claimed);
        Assert.Equal(queued.Id, claimed.Id);
        Assert.Equal(JobStates.Running, claimed.State);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal("m@1", claimed.Parameters["model"]!.GetValue<string>());
        Assert.Null(await store.Jobs.ClaimAsync(Kinds, "server-b", Lease, Ct));

        Assert.True(await store.Jobs.FinishAsync(claimed.Id, "server-a", JobStates.Succeeded, new JsonObject { ["accuracy"] = 0.9 }, null, Ct));
        var done = await store.Jobs.GetAsync(claimed.Id, Ct);
        Assert.Equal(JobStates.Succeeded, done.State);
        Assert.Equal(1.0, done.Progress);
        Assert.Equal(0.9, done.Result!["accuracy"]!.GetValue<double>());
        Assert.NotNull(done.FinishedAt);
        Assert.Null(done.Owner);
    }

    [Fact]
    public async Task A_process_only_claims_kinds_it_can_run_and_takes_the_oldest_first()
    {
        var store = await OpenStoreAsync();
        var clean = await store.Jobs.EnqueueAsync(null, "clean", [], "ana", 3, Ct);
        var first = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);
        var second = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);

        Assert.Equal(first.Id, (await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct))!.Id);
        Assert.Equal(second.Id, (await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct))!.Id);
        Assert.Null(await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct));
        Assert.True(await store.Jobs.HasQueuedAsync(["clean"], Ct));
        Assert.Equal(clean.Id, (await store.Jobs.ClaimAsync(["clean", "evaluation"], "a", Lease, Ct))!.Id);
    }

    [Fact]
    public async Task Many_claimers_in_two_processes_never_get_the_same_job()
    {
        var one = await OpenStoreAsync();
        var two = await OpenStoreAsync();
        for (var i = 0; i < 40; i++) await one.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);

        var claimed = new ConcurrentBag<long>();
        async Task ClaimAllAsync(LaoshiStore store, string owner)
        {
            while (await store.Jobs.ClaimAsync(Kinds, owner, Lease, Ct) is { } job) claimed.Add(job.Id);
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ClaimAllAsync(i % 2 == 0 ? one : two, $"worker-{i}")));

        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Distinct().Count());
    }

    [Fact]
    public async Task A_job_whose_owner_stopped_heartbeating_runs_again_until_its_attempts_are_used_up_then_fails()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 2, Ct);
        var shortLease = TimeSpan.FromMilliseconds(50);

        await store.Jobs.ClaimAsync(Kinds, "dead-1", shortLease, Ct);
        await Task.Delay(120, Ct);
        var recovered = Assert.Single(await store.Jobs.RecoverExpiredAsync(Ct));
        Assert.Equal(JobStates.Queued, recovered.State);
        Assert.Empty(await store.Jobs.RecoverExpiredAsync(Ct));

        // The dead owner's late outcome no longer counts.
        Assert.False(await store.Jobs.FinishAsync(job.Id, "dead-1", JobStates.Succeeded, null, null, Ct));
        Assert.False((await store.Jobs.HeartbeatAsync(job.Id, "dead-1", Lease, 0.5, null, Ct)).StillOwned);

        var again = await store.Jobs.ClaimAsync(Kinds, "dead-2", shortLease, Ct);
        Assert.Equal(2, again!.Attempts);
        await Task.Delay(120, Ct);
        var failed = Assert.Single(await store.Jobs.RecoverExpiredAsync(Ct));
        Assert.Equal(JobStates.Failed, failed.State);
        Assert.Contains("stopped answering during attempt 2 of 2", failed.Error);
        Assert.Null(await store.Jobs.ClaimAsync(Kinds, "c", Lease, Ct));

        var log = (await store.Jobs.LogAsync(job.Id, ct: Ct)).Items.Select(l => l.Line).ToList();
        Assert.Contains(log, l => l.Contains("dead-1 stopped answering during attempt 1 of 2; queued to run again", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("attempt 2 of 2 started on dead-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_heartbeat_keeps_the_lease_stores_progress_and_brings_a_cancel_request()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);
        await store.Jobs.ClaimAsync(Kinds, "a", TimeSpan.FromMilliseconds(300), Ct);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(100, Ct);
            Assert.Equal(new JobHeartbeat(true, false), await store.Jobs.HeartbeatAsync(job.Id, "a", TimeSpan.FromMilliseconds(300), 0.25 * i, $"step {i}", Ct));
            Assert.Empty(await store.Jobs.RecoverExpiredAsync(Ct));
        }
        var running = await store.Jobs.GetAsync(job.Id, Ct);
        Assert.Equal(0.75, running.Progress);
        Assert.Equal("step 3", running.Message);

        var cancelling = await store.Jobs.CancelAsync(job.Id, "bo", Ct);
        Assert.Equal(JobStates.Running, cancelling.State);
        Assert.True(cancelling.CancelRequested);
        Assert.True((await store.Jobs.HeartbeatAsync(job.Id, "a", Lease, 0.8, null, Ct)).CancelRequested);
        Assert.True(await store.Jobs.FinishAsync(job.Id, "a", JobStates.Cancelled, null, null, Ct));
        Assert.Equal(JobStates.Cancelled, (await store.Jobs.GetAsync(job.Id, Ct)).State);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_ends_it_and_a_finished_job_cannot_be_cancelled()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);
        Assert.Equal(JobStates.Cancelled, (await store.Jobs.CancelAsync(job.Id, "ana", Ct)).State);
        Assert.Null(await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct));
        var error = await Assert.ThrowsAsync<ConflictException>(() => store.Jobs.CancelAsync(job.Id, "ana", Ct));
        Assert.Contains("already finished (cancelled)", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Jobs.CancelAsync(job.Id + 100, "ana", Ct));
    }

    [Fact]
    public async Task A_failed_job_retried_runs_again_as_the_same_job_and_a_running_one_cannot_be_retried()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 1, Ct);
        await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct);
        await Assert.ThrowsAsync<ConflictException>(() => store.Jobs.RetryAsync(job.Id, "ana", 1, Ct));
        await store.Jobs.FinishAsync(job.Id, "a", JobStates.Failed, null, "the model file is missing", Ct);
        Assert.Equal("the model file is missing", (await store.Jobs.GetAsync(job.Id, Ct)).Error);

        var retried = await store.Jobs.RetryAsync(job.Id, "bo", 2, Ct);
        Assert.Equal(JobStates.Queued, retried.State);
        Assert.Null(retried.Error);
        Assert.Equal(3, retried.MaxAttempts);
        var claimed = await store.Jobs.ClaimAsync(Kinds, "b", Lease, Ct);
        Assert.Equal(2, claimed!.Attempts);
        var log = (await store.Jobs.LogAsync(job.Id, ct: Ct)).Items;
        Assert.Equal(["attempt 1 of 1 started on a", "failed: the model file is missing", "retried by bo", "attempt 2 of 3 started on b"],
            log.Select(l => l.Line));
        Assert.Equal([1, 1, 1, 2], log.Select(l => l.Attempt));
    }

    [Fact]
    public async Task A_job_released_at_shutdown_is_queued_again_without_using_an_attempt()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 1, Ct);
        await store.Jobs.ClaimAsync(Kinds, "a", Lease, Ct);
        Assert.True(await store.Jobs.ReleaseAsync(job.Id, "a", Ct));
        var queued = await store.Jobs.GetAsync(job.Id, Ct);
        Assert.Equal((JobStates.Queued, 0), (queued.State, queued.Attempts));
        Assert.Equal(1, (await store.Jobs.ClaimAsync(Kinds, "b", Lease, Ct))!.Attempts);
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_by_page_and_filtered_by_project_state_and_kind()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await store.Jobs.EnqueueAsync(i < 3 ? project.Id : null, i % 2 == 0 ? "evaluation" : "clean", [], "ana", 3, Ct)).Id);

        var first = await store.Jobs.ListAsync(new JobQuery(Limit: 2), Ct);
        Assert.Equal([ids[4], ids[3]], first.Items.Select(j => j.Id));
        var second = await store.Jobs.ListAsync(new JobQuery(Limit: 2, Cursor: first.Next), Ct);
        Assert.Equal([ids[2], ids[1]], second.Items.Select(j => j.Id));
        var last = await store.Jobs.ListAsync(new JobQuery(Limit: 2, Cursor: second.Next), Ct);
        Assert.Equal([ids[0]], last.Items.Select(j => j.Id));
        Assert.Null(last.Next);

        Assert.Equal([ids[2], ids[0]], (await store.Jobs.ListAsync(new JobQuery(project.Id, Kind: "evaluation"), Ct)).Items.Select(j => j.Id));
        await store.Jobs.CancelAsync(ids[1], "ana", Ct);
        Assert.Equal([ids[1]], (await store.Jobs.ListAsync(new JobQuery(State: JobStates.Cancelled), Ct)).Items.Select(j => j.Id));
        var bad = await Assert.ThrowsAsync<BadInputException>(() => store.Jobs.ListAsync(new JobQuery(State: "done"), Ct));
        Assert.Equal("state", bad.Errors[0].Field);
    }

    [Fact]
    public async Task A_bad_kind_or_unknown_project_is_refused_when_queueing()
    {
        var store = await OpenStoreAsync();
        var bad = await Assert.ThrowsAsync<BadInputException>(() => store.Jobs.EnqueueAsync(null, "Eval uation", [], "ana", 3, Ct));
        Assert.Equal("kind", bad.Errors[0].Field);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Jobs.EnqueueAsync(999, "evaluation", [], "ana", 3, Ct));
    }

    [Fact]
    public async Task Log_lines_are_kept_in_order_and_paged()
    {
        var store = await OpenStoreAsync();
        var job = await store.Jobs.EnqueueAsync(null, "evaluation", [], "ana", 3, Ct);
        await store.Jobs.AppendLogAsync(job.Id, 1, [.. Enumerable.Range(0, 25).Select(i => $"line {i}")], Ct);
        var page = await store.Jobs.LogAsync(job.Id, 10, null, Ct);
        Assert.Equal("line 0", page.Items[0].Line);
        var next = await store.Jobs.LogAsync(job.Id, 20, page.Next, Ct);
        Assert.Equal(15, next.Items.Count);
        Assert.Equal("line 24", next.Items[^1].Line);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Jobs.LogAsync(job.Id + 1, ct: Ct));
    }
}

public sealed class JobStoreTestsOnSqlite() : JobStoreTests(StoreKind.Sqlite);

public sealed class JobStoreTestsOnPostgres() : JobStoreTests(StoreKind.Postgres);
