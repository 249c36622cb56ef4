using System.Collections.Concurrent;
using Laoshi.Core.Regions;

namespace Laoshi.Storage.Tests;

public abstract class DistributionTests(StoreKind kind) : StoreTest(kind)
{
    private LaoshiStore? _store;

    private async Task<(LaoshiStore Store, long Project, List<long> Items)> ProjectAsync(int items, DistributionSettings? settings = null, string name = "reviews")
    {
        var store = _store ??= await OpenStoreAsync();
        var project = await CreateProjectAsync(store, name);
        await ImportAsync(store, project.Id, items);
        if (settings is not null) await store.Distribution.UpdateSettingsAsync(project.Id, settings, Ct);
        var ids = (await AllItemsAsync(store, project.Id, new ItemQuery(Limit: 1000))).Select(i => i.Id).ToList();
        return (store, project.Id, ids);
    }

    [Fact]
    public async Task Settings_default_to_one_person_sequential_and_thirty_minutes_and_refuse_nonsense()
    {
        var (store, project, _) = await ProjectAsync(1);
        var settings = await store.Distribution.GetSettingsAsync(project, Ct);
        Assert.Equal(1, settings.Overlap);
        Assert.Equal(ItemOrder.Sequential, settings.Order);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.LeaseLength);

        var bad = await Assert.ThrowsAsync<Core.Errors.BadInputException>(() => store.Distribution.UpdateSettingsAsync(project, new DistributionSettings(Overlap: 0), Ct));
        Assert.Equal("overlap", bad.Errors[0].Field);
        var uncertainty = await Assert.ThrowsAsync<Core.Errors.BadInputException>(() => store.Distribution.UpdateSettingsAsync(project, new DistributionSettings(Order: "uncertainty"), Ct));
        Assert.Contains("least-confidence", uncertainty.Message);
    }

    [Fact]
    public async Task With_overlap_three_three_people_hold_the_same_item_a_fourth_gets_the_next_and_status_waits_for_the_third_answer()
    {
        var (store, project, items) = await ProjectAsync(2, new DistributionSettings(Overlap: 3));
        var held = new List<long>();
        foreach (var user in new[] { "ann", "bob", "cat" }) held.Add((await store.Items.NextAsync(project, user, Ct))!.Id);
        Assert.All(held, id => Assert.Equal(items[0], id));
        Assert.Equal(items[1], (await store.Items.NextAsync(project, "dan", Ct))!.Id);

        await store.Annotations.SubmitAsync(project, items[0], [Choice("joy")], 1, "ann", Ct);
        await store.Annotations.SubmitAsync(project, items[0], [Choice("joy")], 1, "bob", Ct);
        Assert.Equal(ItemStatus.New, (await store.Items.GetAsync(project, items[0], Ct)).Status);
        await store.Annotations.SubmitAsync(project, items[0], [Choice("calm")], 1, "cat", Ct);
        Assert.Equal(ItemStatus.Annotated, (await store.Items.GetAsync(project, items[0], Ct)).Status);

        // ann answered item 0, so her next is item 1 (dan holds one of its three copies).
        Assert.Equal(items[1], (await store.Items.NextAsync(project, "ann", Ct))!.Id);
    }

    [Fact]
    public async Task The_item_handed_out_shows_no_one_elses_answers()
    {
        var (store, project, items) = await ProjectAsync(1, new DistributionSettings(Overlap: 2));
        await store.Items.NextAsync(project, "ann", Ct);
        await store.Annotations.SubmitAsync(project, items[0], [Choice("joy")], 1, "ann", Ct);
        var bob = await store.Items.NextAsync(project, "bob", Ct);
        Assert.Equal(items[0], bob!.Id);
        Assert.Empty(bob.Annotations);
        Assert.Equal(ItemStatus.New, bob.Status);
    }

    [Fact]
    public async Task The_item_after_the_current_one_is_leased_ahead_held_for_its_person_and_handed_out_next()
    {
        var (store, project, items) = await ProjectAsync(3);
        var current = await store.Items.NextAsync(project, "ann", Ct);
        Assert.Equal(items[0], current!.Id);
        var ahead = await store.Items.NextAfterAsync(project, "ann", current.Id, Ct);
        Assert.Equal(items[1], ahead!.Id);
        // Asked again (a reload), the same copy ahead comes back rather than a third item.
        Assert.Equal(items[1], (await store.Items.NextAfterAsync(project, "ann", current.Id, Ct))!.Id);
        // Someone else gets neither of ann's two copies.
        Assert.Equal(items[2], (await store.Items.NextAsync(project, "bob", Ct))!.Id);

        await store.Annotations.SubmitAsync(project, current.Id, [Choice("joy")], 1, "ann", Ct);
        Assert.Equal(items[1], (await store.Items.NextAsync(project, "ann", Ct))!.Id);
        Assert.Null(await store.Items.NextAfterAsync(project, "ann", items[1], Ct));
    }

    [Fact]
    public async Task Nothing_is_leased_ahead_during_an_exam_so_the_exam_is_graded_only_when_its_last_item_is_answered()
    {
        var (store, project, items) = await ProjectAsync(4);
        foreach (var id in items.Take(2)) await store.Distribution.MarkGoldAsync(project, id, [Choice("joy")], "owner", Ct);
        await store.Distribution.UpdateExamAsync(project, new ExamSettings(true, 0.8, items.Take(2).ToList()), Ct);

        var first = await store.Items.NextAsync(project, "ann", Ct);
        Assert.Null(await store.Items.NextAfterAsync(project, "ann", first!.Id, Ct));
        await store.Annotations.SubmitAsync(project, first.Id, [Choice("joy")], 1, "ann", Ct);
        var second = await store.Items.NextAsync(project, "ann", Ct);
        Assert.Null(await store.Items.NextAfterAsync(project, "ann", second!.Id, Ct));
        await store.Annotations.SubmitAsync(project, second.Id, [Choice("joy")], 1, "ann", Ct);

        var work = await store.Items.NextAsync(project, "ann", Ct);
        Assert.True((await store.Distribution.ExamStatusAsync(project, "ann", Ct)).Qualified);
        Assert.Equal(items[3], (await store.Items.NextAfterAsync(project, "ann", work!.Id, Ct))!.Id);
    }

    [Fact]
    public async Task A_skipped_item_never_comes_back_to_that_person_but_goes_to_others()
    {
        var (store, project, items) = await ProjectAsync(2);
        var first = await store.Items.NextAsync(project, "ann", Ct);
        await store.Distribution.SkipAsync(project, first!.Id, "ann", Ct);
        Assert.Null((await store.Items.GetAsync(project, first.Id, Ct)).LeaseUser);
        Assert.Equal(items[1], (await store.Items.NextAsync(project, "ann", Ct))!.Id);
        await store.Distribution.SkipAsync(project, items[1], "ann", Ct);
        Assert.Null(await store.Items.NextAsync(project, "ann", Ct));
        Assert.Equal(items[0], (await store.Items.NextAsync(project, "bob", Ct))!.Id);
        await Assert.ThrowsAsync<Core.Errors.NotFoundException>(() => store.Distribution.SkipAsync(project, 999_999, "ann", Ct));
    }

    [Fact]
    public async Task An_expired_copy_goes_back_to_the_pool_and_the_project_lease_length_is_used()
    {
        var (store, project, items) = await ProjectAsync(1, new DistributionSettings(Lease: TimeSpan.FromMinutes(5)));
        var ann = await store.Items.NextAsync(project, "ann", Ct);
        Assert.InRange(ann!.LeaseUntil!.Value, DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(6));
        Assert.Null(await store.Items.NextAsync(project, "bob", Ct));

        await store.Items.NextAsync(project, "cat", TimeSpan.FromMilliseconds(1), Ct); // nothing for cat: ann holds the only copy
        var (store2, project2, items2) = await ProjectAsync(1, name: "second");
        await store2.Items.NextAsync(project2, "ann", TimeSpan.FromMilliseconds(1), Ct);
        await Task.Delay(30, Ct);
        Assert.Equal(items2[0], (await store2.Items.NextAsync(project2, "bob", Ct))!.Id);
        Assert.Equal(items[0], ann.Id);
    }

    [Fact]
    public async Task Random_order_is_the_same_for_a_person_differs_between_people_and_reaches_every_item()
    {
        var (store, project, items) = await ProjectAsync(40, new DistributionSettings(Order: ItemOrder.Random));
        async Task<List<long>> WalkAsync(string user)
        {
            var seen = new List<long>();
            while (await store.Items.NextAsync(project, user, Ct) is { } item)
            {
                seen.Add(item.Id);
                await store.Distribution.SkipAsync(project, item.Id, user, Ct);
            }
            return seen;
        }
        var ann = await WalkAsync("ann");
        var cat = await WalkAsync("cat");
        Assert.Equal(items.Order(), ann.Order());
        Assert.Equal(items.Order(), cat.Order());
        Assert.NotEqual(items, ann);
        Assert.NotEqual(ann, cat);

        // The order is a function of the item and the person only: a shuffle key walked from the person's starting point.
        var start = ItemOrder.StartFor(project, "ann");
        Assert.Equal(items.OrderBy(id => ((id * 2654435761L % 4294967296L) - start + 4294967296L) % 4294967296L), ann);
    }

    [Fact]
    public async Task Changing_the_overlap_redecides_statuses()
    {
        var (store, project, items) = await ProjectAsync(1);
        await store.Items.NextAsync(project, "ann", Ct);
        await store.Annotations.SubmitAsync(project, items[0], [Choice("joy")], 1, "ann", Ct);
        Assert.Equal(ItemStatus.Annotated, (await store.Items.GetAsync(project, items[0], Ct)).Status);
        await store.Distribution.UpdateSettingsAsync(project, new DistributionSettings(Overlap: 2), Ct);
        Assert.Equal(ItemStatus.New, (await store.Items.GetAsync(project, items[0], Ct)).Status);
        Assert.Equal(items[0], (await store.Items.NextAsync(project, "bob", Ct))!.Id);
    }

    [Fact]
    public async Task Many_people_in_parallel_on_two_store_instances_get_each_item_exactly_overlap_times_and_never_twice()
    {
        const int overlap = 3, people = 24, itemCount = 60;
        var (store, project, items) = await ProjectAsync(itemCount, new DistributionSettings(Overlap: overlap));
        var other = await OpenStoreAsync();
        var holders = new ConcurrentDictionary<long, int>();
        var maxHolders = new ConcurrentDictionary<long, int>();
        var answers = new ConcurrentBag<(string User, long Item)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = people, CancellationToken = Ct }, async (u, ct) =>
        {
            var instance = u % 2 == 0 ? store : other;
            var user = $"user{u}";
            while (await instance.Items.NextAsync(project, user, ct) is { } item)
            {
                var now = holders.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
                maxHolders.AddOrUpdate(item.Id, now, (_, n) => Math.Max(n, now));
                await Task.Yield();
                holders.AddOrUpdate(item.Id, 0, (_, n) => n - 1);
                answers.Add((user, item.Id));
                await instance.Annotations.SubmitAsync(project, item.Id, [Choice("joy")], 1, user, ct);
            }
        });

        Assert.Equal(answers.Count, answers.Distinct().Count());
        Assert.All(answers.GroupBy(a => a.Item), g => Assert.Equal(overlap, g.Count()));
        Assert.Equal(itemCount * overlap, answers.Count);
        Assert.All(maxHolders.Values, n => Assert.InRange(n, 1, overlap));
        var stats = await store.Stats.GetAsync(project, Ct);
        Assert.Equal(itemCount, stats.Annotated);
        Assert.Equal(itemCount, items.Count);
    }

    [Fact]
    public async Task Gold_items_come_at_the_rate_once_per_person_leave_status_alone_and_are_scored_per_label()
    {
        var (store, project, items) = await ProjectAsync(50, new DistributionSettings(GoldRate: 0.25));
        var gold = items.Take(10).ToList();
        foreach (var id in gold) await store.Distribution.MarkGoldAsync(project, id, [Choice(id % 2 == 0 ? "joy" : "anger")], "owner", Ct);

        var served = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var item = await store.Items.NextAsync(project, "ann", Ct);
            served.Add(item!.Id);
            // ann always answers "joy": right on even gold items, wrong on odd ones.
            await store.Annotations.SubmitAsync(project, item.Id, [Choice("joy")], 1, "ann", Ct);
        }
        var servedGold = served.Where(gold.Contains).ToList();
        Assert.Equal(5, servedGold.Count);
        Assert.Equal(servedGold.Count, servedGold.Distinct().Count());
        Assert.Equal(20, served.Distinct().Count());
        foreach (var id in servedGold) Assert.Equal(ItemStatus.New, (await store.Items.GetAsync(project, id, Ct)).Status);

        var accuracy = Assert.Single(await store.Distribution.GoldAccuracyAsync(project, Ct));
        Assert.Equal("ann", accuracy.User);
        Assert.Equal(5, accuracy.Items);
        var even = servedGold.Count(id => id % 2 == 0);
        Assert.Equal(even, accuracy.ItemsCorrect);
        Assert.Equal(even, accuracy.ByLabel.GetValueOrDefault("joy")?.Matched ?? 0);
        if (even < 5) Assert.Equal(0, accuracy.ByLabel["anger"].Accuracy);
    }

    [Fact]
    public async Task The_exam_comes_first_a_fail_refuses_work_until_reset_and_a_pass_lets_work_through()
    {
        var (store, project, items) = await ProjectAsync(6);
        foreach (var id in items.Take(2)) await store.Distribution.MarkGoldAsync(project, id, [Choice("joy")], "owner", Ct);
        await store.Distribution.UpdateExamAsync(project, new ExamSettings(true, 0.8, items.Take(2).ToList()), Ct);

        async Task TakeExamAsync(string user, string answer)
        {
            for (var i = 0; i < 2; i++)
            {
                var item = await store.Items.NextAsync(project, user, Ct);
                Assert.Contains(item!.Id, items.Take(2));
                await store.Annotations.SubmitAsync(project, item.Id, [Choice(answer)], 1, user, Ct);
            }
        }

        await TakeExamAsync("ann", "joy");
        Assert.Equal(items[2], (await store.Items.NextAsync(project, "ann", Ct))!.Id);
        Assert.True((await store.Distribution.ExamStatusAsync(project, "ann", Ct)).Qualified);

        await TakeExamAsync("bob", "anger");
        var refused = await Assert.ThrowsAsync<NotQualifiedException>(() => store.Items.NextAsync(project, "bob", Ct));
        Assert.Equal("not qualified: score 0 < 0.8", refused.Message);
        await Assert.ThrowsAsync<NotQualifiedException>(() => store.Items.NextAsync(project, "bob", Ct));
        var results = await store.Distribution.ExamResultsAsync(project, Ct);
        Assert.Equal(["ann", "bob"], results.Select(r => r.User));
        Assert.Equal([true, false], results.Select(r => r.Passed));

        await store.Distribution.ResetExamAsync(project, "bob", Ct);
        Assert.Equal(0, (await store.Distribution.ExamStatusAsync(project, "bob", Ct)).Answered);
        await TakeExamAsync("bob", "joy");
        Assert.NotNull(await store.Items.NextAsync(project, "bob", Ct));
        Assert.Equal(1.0, (await store.Distribution.ExamStatusAsync(project, "bob", Ct)).Result!.Score);

        var notGold = await Assert.ThrowsAsync<Core.Errors.BadInputException>(() => store.Distribution.UpdateExamAsync(project, new ExamSettings(true, 0.8, [items[5]]), Ct));
        Assert.Equal("$.items[0]", notGold.Errors[0].Path);
    }
}

public sealed class DistributionTestsOnSqlite() : DistributionTests(StoreKind.Sqlite);

public sealed class DistributionTestsOnPostgres() : DistributionTests(StoreKind.Postgres);
