using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class EvaluationStoreTests(StoreKind kind) : StoreTest(kind)
{
    private async Task<(LaoshiStore Store, long Project, long[] Items, SnapshotInfo Snapshot)> ProjectAsync(int items = 5)
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store, "evals");
        await ImportAsync(store, project.Id, items,
            i => [new ImportedAnswer(i % 2 == 0 ? [Choice("joy")] : [Choice("anger")], CompletedBy: "ann")],
            i => [new ImportedAnswer([Choice("joy")], ModelVersion: "v1", Score: 0.5 + i / 100.0)]);
        var ids = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Select(i => i.Id).ToArray();
        var snapshot = await store.Snapshots.CreateAsync(project.Id, "test", null, Ct);
        return (store, project.Id, ids, snapshot);
    }

    private static NewEvaluation Evaluation(long snapshotId, string model = "predictions:v1", string summary = """{"sentiment":{"accuracy":0.6}}""") =>
        new(snapshotId, model, "v1", "tester", 12.5, 5, summary, """{"controls":{}}""");

    [Fact]
    public async Task A_snapshot_version_is_marked_and_unmarked_as_a_test_set()
    {
        var (store, p, _, snapshot) = await ProjectAsync();
        var marked = await store.Evaluations.MarkTestAsync(p, snapshot.Id, "lead", Ct);
        Assert.Equal(("test", 1, 5L, "lead"), (marked.Name, marked.Version, marked.ItemCount, marked.MarkedBy));
        await store.Evaluations.MarkTestAsync(p, snapshot.Id, "other", Ct);
        Assert.Equal("lead", Assert.Single(await store.Evaluations.ListTestAsync(p, Ct)).MarkedBy);

        await store.Evaluations.UnmarkTestAsync(p, snapshot.Id, Ct);
        Assert.Empty(await store.Evaluations.ListTestAsync(p, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Evaluations.UnmarkTestAsync(p, snapshot.Id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Evaluations.MarkTestAsync(p, snapshot.Id + 100, "lead", Ct));
    }

    [Fact]
    public async Task Evaluations_are_kept_with_their_item_outcomes_and_listed_newest_first()
    {
        var (store, p, ids, snapshot) = await ProjectAsync();
        var results = ids.Select((id, i) => new EvaluationItemResult(id, "sentiment", i % 2 == 0, i % 2 == 0 ? 1 : 0, 0.9, "[\"joy\"]", "[\"joy\"]")).ToList();
        var first = await store.Evaluations.AddAsync(p, Evaluation(snapshot.Id), results, Ct);
        var second = await store.Evaluations.AddAsync(p, Evaluation(snapshot.Id, "predictions:v2"), results.Take(2), Ct);
        Assert.Equal(("test", 1, "tester", 5L), (first.SnapshotName, first.SnapshotVersion, first.CreatedBy, first.ItemCount));

        var page = await store.Evaluations.ListAsync(p, 1, ct: Ct);
        Assert.Equal(second.Id, Assert.Single(page.Items).Id);
        var rest = await store.Evaluations.ListAsync(p, 1, page.Next, ct: Ct);
        Assert.Equal(first.Id, Assert.Single(rest.Items).Id);
        Assert.Null(rest.Next);
        Assert.Equal([first.Id], (await store.Evaluations.ListAsync(p, model: "predictions:v1", ct: Ct)).Items.Select(e => e.Id));
        Assert.Equal("""{"controls":{}}""", await store.Evaluations.ReportAsync(p, first.Id, Ct));

        var wrong = await store.Evaluations.ItemsAsync(p, first.Id, wrongOnly: true, ct: Ct);
        Assert.Equal([ids[1], ids[3]], wrong.Items.Select(r => r.ItemId));
        var paged = await store.Evaluations.ItemsAsync(p, first.Id, limit: 3, ct: Ct);
        Assert.Equal(3, paged.Items.Count);
        Assert.Equal(2, (await store.Evaluations.ItemsAsync(p, first.Id, limit: 3, cursor: paged.Next, ct: Ct)).Items.Count);
        var streamed = new List<EvaluationItemResult>();
        await foreach (var row in store.Evaluations.StreamItemsAsync(p, first.Id, Ct)) streamed.Add(row);
        Assert.Equal(results, streamed);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Evaluations.GetAsync(p, second.Id + 1, Ct));
    }

    [Fact]
    public async Task Many_item_outcomes_are_stored_in_one_go()
    {
        var (store, p, _, snapshot) = await ProjectAsync(1);
        var results = Enumerable.Range(1, 2500).Select(i => new EvaluationItemResult(i, i % 3 == 0 ? "a" : "b", i % 7 != 0, 0.5, null, "\"x\"", "\"y\"")).ToList();
        var evaluation = await store.Evaluations.AddAsync(p, Evaluation(snapshot.Id), results, Ct);
        var count = 0;
        await foreach (var _ in store.Evaluations.StreamItemsAsync(p, evaluation.Id, Ct)) count++;
        Assert.Equal(2500, count);
    }

    [Fact]
    public async Task Stored_predictions_are_found_by_model_version_newest_first()
    {
        var (store, p, ids, _) = await ProjectAsync();
        await store.Annotations.AddPredictionAsync(p, ids[0], "v1", 0.99, [Choice("calm")], Ct);
        var found = await store.Evaluations.PredictionsAsync(p, "v1", [ids[0], ids[1], 999999], Ct);
        Assert.Equal(["calm"], found[ids[0]].Result[0].Labels);
        Assert.Equal(["joy"], found[ids[1]].Result[0].Labels);
        Assert.False(found.ContainsKey(999999));
        Assert.Empty(await store.Evaluations.PredictionsAsync(p, "v9", ids, Ct));
        Assert.Equal(6L, (await store.Evaluations.PredictionVersionsAsync(p, Ct))["v1"]);
    }

    [Fact]
    public async Task Failing_items_sent_to_review_are_asked_once_and_resolved_once()
    {
        var (store, p, ids, snapshot) = await ProjectAsync();
        var evaluation = await store.Evaluations.AddAsync(p, Evaluation(snapshot.Id), [], Ct);
        Assert.Equal(2, await store.Evaluations.RequestReviewAsync(p, evaluation.Id, [(ids[0], "sentiment", "model said joy"), (ids[1], "sentiment", null)], "lead", Ct));
        Assert.Equal(0, await store.Evaluations.RequestReviewAsync(p, evaluation.Id, [(ids[0], "sentiment", null)], "lead", Ct));
        var open = await store.Evaluations.ReviewRequestsAsync(p, ct: Ct);
        Assert.Equal([(ids[0], "model said joy"), (ids[1], (string?)null)], open.Items.Select(r => (r.ItemId, r.Note)));

        var resolved = await store.Evaluations.ResolveReviewRequestAsync(p, open.Items[0].Id, "rev", Ct);
        Assert.Equal("rev", resolved.ResolvedBy);
        await Assert.ThrowsAsync<ConflictException>(() => store.Evaluations.ResolveReviewRequestAsync(p, open.Items[0].Id, "rev", Ct));
        Assert.Single((await store.Evaluations.ReviewRequestsAsync(p, ct: Ct)).Items);
        Assert.Equal(2, (await store.Evaluations.ReviewRequestsAsync(p, openOnly: false, ct: Ct)).Items.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Evaluations.RequestReviewAsync(p, evaluation.Id, [(424242, "sentiment", null)], "lead", Ct));
    }
}

public sealed class EvaluationStoreTestsOnSqlite() : EvaluationStoreTests(StoreKind.Sqlite);

public sealed class EvaluationStoreTestsOnPostgres() : EvaluationStoreTests(StoreKind.Postgres);
