using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;
using Laoshi.Storage.Runs;

namespace Laoshi.Storage.Tests;

public abstract class RunStoreTests(StoreKind kind) : StoreTest(kind)
{
    private async Task<(LaoshiStore Store, long Project, SnapshotInfo Snapshot)> ProjectAsync()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store, "runs");
        await ImportAsync(store, project.Id, 4, i => [new ImportedAnswer([Choice(i % 2 == 0 ? "joy" : "anger")], CompletedBy: "ann")]);
        return (store, project.Id, await store.Snapshots.CreateAsync(project.Id, "train", null, Ct));
    }

    private static NewRun Run(long snapshotId, long? job = null) => new("text-ngram", "text-classification", new JsonObject { ["l2"] = 0.1 }, snapshotId, 7, 0.2,
        new JsonObject { ["method"] = "random", ["trials"] = 5, ["folds"] = 3, ["budget_seconds"] = 60 }, "lead", job);

    private static RunOutcome Outcome(double accuracy) => new(new JsonObject { ["l2"] = 0.05, ["learner"] = "linear" },
        new JsonObject { ["accuracy"] = accuracy, ["f1_macro"] = accuracy - 0.1 },
        new JsonObject { ["method"] = "random", ["best_params"] = new JsonObject { ["l2"] = 0.05 }, ["trial_count"] = 2 },
        [new JsonObject { ["params"] = new JsonObject { ["l2"] = 0.1 }, ["scores"] = new JsonArray(0.7, 0.8), ["score"] = 0.75 }],
        [new JsonObject { ["examples"] = 10, ["accuracy"] = 0.6 }], 1500, "text-ngram", 1);

    [Fact]
    public async Task A_run_is_recorded_running_then_finished_with_its_metrics_trials_curve_and_model()
    {
        var (store, p, snapshot) = await ProjectAsync();

        var started = await store.Runs.StartAsync(p, Run(snapshot.Id), Ct);
        Assert.Equal((RunStatuses.Running, "train", 1, 7, "lead"), (started.Status, started.SnapshotName, started.SnapshotVersion, started.Seed, started.CreatedBy));
        Assert.Equal(0.1, started.Parameters["l2"]!.GetValue<double>());
        Assert.Null(started.FinishedAt);

        var finished = await store.Runs.FinishAsync(p, started.Id, Outcome(0.9), Ct);
        Assert.Equal((RunStatuses.Succeeded, "text-ngram", 1, 1.5), (finished.Status, finished.ModelName, finished.ModelVersion, finished.DurationMs / 1000));
        Assert.Equal(0.9, finished.Metrics["accuracy"]!.GetValue<double>());
        Assert.Equal(0.05, finished.Parameters["l2"]!.GetValue<double>());
        Assert.Equal(0.75, finished.Trials![0]!["score"]!.GetValue<double>());
        Assert.Equal(10, finished.Curve![0]!["examples"]!.GetValue<int>());
        Assert.Equal(2, finished.Search!["trial_count"]!.GetValue<int>());
        Assert.Null(finished.ComparedWith);
        Assert.NotNull(finished.FinishedAt);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_by_cursor_and_each_is_compared_with_the_previous_finished_run_on_its_snapshot()
    {
        var (store, p, snapshot) = await ProjectAsync();
        var first = await store.Runs.FinishAsync(p, (await store.Runs.StartAsync(p, Run(snapshot.Id), Ct)).Id, Outcome(0.8), Ct);
        var failed = await store.Runs.FailAsync(p, (await store.Runs.StartAsync(p, Run(snapshot.Id), Ct)).Id, RunStatuses.Failed, "out of memory", 20, Ct);
        var other = await store.Snapshots.CreateAsync(p, "other", null, Ct);
        var elsewhere = await store.Runs.FinishAsync(p, (await store.Runs.StartAsync(p, Run(other.Id), Ct)).Id, Outcome(0.7), Ct);
        var third = await store.Runs.FinishAsync(p, (await store.Runs.StartAsync(p, Run(snapshot.Id), Ct)).Id, Outcome(0.85), Ct);

        Assert.Equal(first.Id, third.ComparedWith);
        Assert.Null(elsewhere.ComparedWith);
        Assert.Equal((RunStatuses.Failed, "out of memory"), (failed.Status, failed.Error));

        var page = await store.Runs.ListAsync(p, 3, null, Ct);
        Assert.Equal([third.Id, elsewhere.Id, failed.Id], page.Items.Select(r => r.Id));
        // Lists leave the trial table and the curve out; one run carries them.
        Assert.All(page.Items, r => Assert.Null(r.Trials));
        Assert.Equal(0.85, page.Items[0].Metrics["accuracy"]!.GetValue<double>());
        var rest = await store.Runs.ListAsync(p, 3, page.Next, Ct);
        Assert.Equal(first.Id, Assert.Single(rest.Items).Id);
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task A_job_started_again_after_a_crash_reuses_its_run_and_unknown_runs_are_not_found()
    {
        var (store, p, snapshot) = await ProjectAsync();
        var first = await store.Runs.StartAsync(p, Run(snapshot.Id, job: 42), Ct);
        await store.Runs.FailAsync(p, first.Id, RunStatuses.Cancelled, "cancelled", 5, Ct);
        var again = await store.Runs.StartAsync(p, Run(snapshot.Id, job: 42), Ct);

        Assert.Equal((first.Id, RunStatuses.Running, (string?)null), (again.Id, again.Status, again.Error));
        Assert.Single((await store.Runs.ListAsync(p, 10, null, Ct)).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Runs.GetAsync(p, first.Id + 100, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Runs.StartAsync(p, Run(snapshot.Id + 100), Ct));
    }
}

public sealed class RunStoreTestsOnSqlite() : RunStoreTests(StoreKind.Sqlite);

public sealed class RunStoreTestsOnPostgres() : RunStoreTests(StoreKind.Postgres);
