using Laoshi.Core.Errors;

namespace Laoshi.Storage.Tests;

public abstract class AnnotationTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task Resubmitting_makes_a_new_version_and_keeps_the_old_one_in_history()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1);
        var itemId = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;

        var first = await store.Annotations.SubmitAsync(project.Id, itemId, [Choice("anger")], 4.2, "ann", Ct);
        var second = await store.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], 1.0, "ann", Ct);
        var other = await store.Annotations.SubmitAsync(project.Id, itemId, [Choice("calm")], null, "bob", Ct);

        Assert.Equal((1, 2, 1), (first.Version, second.Version, other.Version));
        var item = await store.Items.GetAsync(project.Id, itemId, Ct);
        Assert.Equal(ItemStatus.Annotated, item.Status);
        Assert.Equal(2, item.AnnotationCount);
        Assert.Equal([second.Id, other.Id], item.Annotations.Select(a => a.Id));

        var history = await store.Annotations.HistoryAsync(project.Id, itemId, Ct);
        Assert.Equal([first.Id, second.Id, other.Id], history.Select(a => a.Id));
        Assert.Equal([false, true, true], history.Select(a => a.IsCurrent));
        Assert.Equal(["anger"], history[0].Result[0].Labels);
        Assert.Equal(4.2, history[0].LeadTime);
        Assert.Equal("ann", history[0].CreatedBy);
    }

    [Fact]
    public async Task Labels_follow_the_current_answers_in_filters_and_stats()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 2);
        var ids = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Select(i => i.Id).ToArray();

        await store.Annotations.SubmitAsync(project.Id, ids[0], [Choice("anger"), Choice("anger", "joy") with { Id = "r2" }], null, "ann", Ct);
        await store.Annotations.SubmitAsync(project.Id, ids[1], [Choice("anger")], null, "bob", Ct);
        Assert.Equal(2, (await store.Items.ListAsync(project.Id, new ItemQuery(Label: "anger"), Ct)).Items.Count);
        Assert.Equal(new Dictionary<string, long> { ["anger"] = 3, ["joy"] = 1 }, (await store.Stats.GetAsync(project.Id, Ct)).ByLabel);

        await store.Annotations.SubmitAsync(project.Id, ids[0], [Choice("calm")], null, "ann", Ct);

        Assert.Equal([ids[1]], (await store.Items.ListAsync(project.Id, new ItemQuery(Label: "anger"), Ct)).Items.Select(i => i.Id));
        Assert.Equal([ids[0]], (await store.Items.ListAsync(project.Id, new ItemQuery(Label: "calm"), Ct)).Items.Select(i => i.Id));
        Assert.Empty((await store.Items.ListAsync(project.Id, new ItemQuery(Label: "joy"), Ct)).Items);
        Assert.Equal(new Dictionary<string, long> { ["anger"] = 1, ["calm"] = 1 }, (await store.Stats.GetAsync(project.Id, Ct)).ByLabel);
    }

    [Fact]
    public async Task Predictions_are_kept_apart_from_annotations()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1);
        var itemId = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;

        var id = await store.Annotations.AddPredictionAsync(project.Id, itemId, "bert-v2", 0.91, [Choice("joy") with { Score = 0.91 }], Ct);

        var item = await store.Items.GetAsync(project.Id, itemId, Ct);
        Assert.Equal(ItemStatus.New, item.Status);
        Assert.Empty(item.Annotations);
        var prediction = Assert.Single(item.Predictions);
        Assert.Equal((id, "bert-v2", 0.91), (prediction.Id, prediction.ModelVersion, prediction.Score));
        Assert.Equal(0.91, prediction.Result[0].Score);
        var stats = await store.Stats.GetAsync(project.Id, Ct);
        Assert.Equal((1, 0, 0), (stats.Predictions, stats.Annotations, stats.Annotated));
        Assert.Empty(stats.ByLabel);
    }

    [Fact]
    public async Task Submitting_to_a_missing_item_or_without_a_user_is_refused()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1);
        var itemId = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;

        await Assert.ThrowsAsync<NotFoundException>(() => store.Annotations.SubmitAsync(project.Id, itemId + 100, [Choice("joy")], null, "ann", Ct));
        await Assert.ThrowsAsync<BadInputException>(() => store.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], null, " ", Ct));
        await Assert.ThrowsAsync<BadInputException>(() => store.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], -1, "ann", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Annotations.AddPredictionAsync(project.Id, itemId + 100, "m", null, [], Ct));
    }

    [Fact]
    public async Task Parallel_resubmissions_by_one_user_get_distinct_versions()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1);
        var itemId = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => store.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], null, "ann", Ct), Ct)));

        Assert.Equal(Enumerable.Range(1, 10), results.Select(r => r.Version).Order());
        var history = await store.Annotations.HistoryAsync(project.Id, itemId, Ct);
        Assert.Single(history, a => a.IsCurrent);
        Assert.Equal(1, (await store.Items.GetAsync(project.Id, itemId, Ct)).AnnotationCount);
    }

    [Fact]
    public async Task A_refused_submit_among_parallel_ones_leaves_the_others_stored()
    {
        // On SQLite parallel submits share one transaction (group commit): a refused one must not undo or block the rest.
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 20);
        var ids = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Select(i => i.Id).ToArray();

        var submits = ids.Select((id, n) => Task.Run(() => store.Annotations.SubmitAsync(
            project.Id, n % 4 == 0 ? id + 1000 : id, [Choice("joy")], null, $"user{n}", Ct), Ct)).ToArray();
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(submits));

        Assert.Equal(5, submits.Count(t => t.Exception?.InnerException is NotFoundException));
        Assert.Equal(15, submits.Count(t => t.IsCompletedSuccessfully));
        var stored = await store.Items.ListAsync(project.Id, new ItemQuery(Status: ItemStatus.Annotated), Ct);
        Assert.Equal(ids.Where((_, n) => n % 4 != 0), stored.Items.Select(i => i.Id));
        Assert.All(stored.Items, i => Assert.Equal(1, i.AnnotationCount));
        Assert.Equal(15, (await store.Items.ListAsync(project.Id, new ItemQuery(Label: "joy"), Ct)).Items.Count);
    }
}

public sealed class AnnotationTestsOnSqlite() : AnnotationTests(StoreKind.Sqlite);

public sealed class AnnotationTestsOnPostgres() : AnnotationTests(StoreKind.Postgres);
