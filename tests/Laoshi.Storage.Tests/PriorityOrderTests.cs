namespace Laoshi.Storage.Tests;

public abstract class PriorityOrderTests(StoreKind kind) : StoreTest(kind)
{
    private async Task<(LaoshiStore Store, long Project, List<long> Items)> ProjectAsync(int items, DistributionSettings settings)
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, items);
        await store.Distribution.UpdateSettingsAsync(project.Id, settings, Ct);
        var ids = (await AllItemsAsync(store, project.Id, new ItemQuery(Limit: 1000))).Select(i => i.Id).ToList();
        return (store, project.Id, ids);
    }

    private async Task<List<long>> ServeAllAsync(LaoshiStore store, long project, string user)
    {
        var served = new List<long>();
        while (await store.Items.NextAsync(project, user, Ct) is { } item)
        {
            served.Add(item.Id);
            await store.Annotations.SubmitAsync(project, item.Id, [Choice("joy")], 1, user, Ct);
        }
        return served;
    }

    [Fact]
    public async Task Next_serves_the_highest_priority_first_and_unscored_items_last()
    {
        var (store, project, items) = await ProjectAsync(6, new DistributionSettings(Order: ItemOrder.Margin));
        // Items 1, 4, 2 are scored (4 highest); 0, 3, 5 never were.
        var scoring = await store.Priorities.ReplaceAsync(project,
            [new ItemPriority(items[1], 0.5), new ItemPriority(items[4], 0.9), new ItemPriority(items[2], 0.1)], "margin", "clf@1", "ann", Ct);
        Assert.Equal(3, scoring.Items);

        Assert.Equal([items[4], items[1], items[2], items[0], items[3], items[5]], await ServeAllAsync(store, project, "ann"));
        var last = await store.Priorities.LastScoringAsync(project, Ct);
        Assert.Equal(("margin", "clf@1", 3L, "ann"), (last!.Strategy, last.Model, last.Items, last.ScoredBy));
    }

    [Fact]
    public async Task A_new_scoring_replaces_the_old_one_and_two_people_get_the_top_two()
    {
        var (store, project, items) = await ProjectAsync(5, new DistributionSettings(Order: ItemOrder.Entropy));
        await store.Priorities.ReplaceAsync(project, [new ItemPriority(items[0], 0.9), new ItemPriority(items[1], 0.8)], "entropy", "m", "ann", Ct);
        await store.Priorities.ReplaceAsync(project, [new ItemPriority(items[3], 0.7), new ItemPriority(items[2], 0.6)], "entropy", "m", "ann", Ct);
        Assert.Equal([items[2], items[3]], (await store.Priorities.GetAsync(project, items, Ct)).Keys.Order());

        var ann = await store.Items.NextAsync(project, "ann", Ct);
        var bob = await store.Items.NextAsync(project, "bob", Ct);
        Assert.Equal([items[3], items[2]], [ann!.Id, bob!.Id]);
    }

    [Fact]
    public async Task A_random_share_serves_that_share_of_a_persons_items_off_the_priority_order()
    {
        var (store, project, items) = await ProjectAsync(40, new DistributionSettings(Order: ItemOrder.LeastConfidence, RandomShare: 0.25));
        // Priority falls with the id: without the random share the order would be items[0], items[1], ...
        await store.Priorities.ReplaceAsync(project, [.. items.Select((id, i) => new ItemPriority(id, 1 - i / 100.0))], "least-confidence", "m", "ann", Ct);
        var served = (await ServeAllAsync(store, project, "ann")).Take(20).ToList();

        var expectedRandom = Enumerable.Range(0, 20).Count(n => RandomTurns.IsRandomTurn(project, "ann", n, 0.25));
        Assert.Equal(5, expectedRandom);
        // Each priority turn takes the best item left; so the served list has exactly as many "jumps" as random turns.
        var outOfOrder = served.Select((id, n) => (id, n)).Count(x => RandomTurns.IsRandomTurn(project, "ann", x.n, 0.25) ? false
            : x.id != items.Where(i => !served.Take(x.n).Contains(i)).First());
        Assert.Equal(0, outOfOrder);
        Assert.NotEqual(items.Take(20), served);
    }

    [Fact]
    public async Task Settings_keep_the_random_share_and_refuse_one_out_of_range()
    {
        var (store, project, _) = await ProjectAsync(1, new DistributionSettings(Order: ItemOrder.Diversity, RandomShare: 0.2));
        var settings = await store.Distribution.GetSettingsAsync(project, Ct);
        Assert.Equal((ItemOrder.Diversity, 0.2), (settings.Order, settings.RandomShare));
        var bad = await Assert.ThrowsAsync<Core.Errors.BadInputException>(() =>
            store.Distribution.UpdateSettingsAsync(project, settings with { RandomShare = 1.5 }, Ct));
        Assert.Equal("random_share", bad.Errors[0].Field);
    }
}

public sealed class PriorityOrderTestsOnSqlite() : PriorityOrderTests(StoreKind.Sqlite);

public sealed class PriorityOrderTestsOnPostgres() : PriorityOrderTests(StoreKind.Postgres);
