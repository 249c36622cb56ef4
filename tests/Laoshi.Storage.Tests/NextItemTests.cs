using System.Collections.Concurrent;

namespace Laoshi.Storage.Tests;

public abstract class NextItemTests(StoreKind kind) : StoreTest(kind)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Two_users_get_different_items_and_a_user_keeps_the_item_they_hold()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 5);

        var ann = await store.Items.NextAsync(project.Id, "ann", Lease, Ct);
        var bob = await store.Items.NextAsync(project.Id, "bob", Lease, Ct);
        var annAgain = await store.Items.NextAsync(project.Id, "ann", Lease, Ct);

        Assert.NotNull(ann);
        Assert.NotNull(bob);
        Assert.NotEqual(ann.Id, bob.Id);
        Assert.Equal(ann.Id, annAgain!.Id);
        Assert.Equal("ann", ann.LeaseUser);
        Assert.True(ann.LeaseUntil > DateTimeOffset.UtcNow.AddMinutes(9));
    }

    [Fact]
    public async Task An_expired_lease_hands_the_item_to_someone_else()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 2);

        var ann = await store.Items.NextAsync(project.Id, "ann", TimeSpan.FromMilliseconds(1), Ct);
        await Task.Delay(50, Ct);
        var bob = await store.Items.NextAsync(project.Id, "bob", Lease, Ct);

        Assert.Equal(ann!.Id, bob!.Id);
    }

    [Fact]
    public async Task Submitting_moves_the_user_on_and_the_queue_runs_dry()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 3, annotate: i => i == 1 ? [new Core.Transfer.ImportedAnswer([Choice("joy")], CompletedBy: "x")] : []);

        var seen = new List<long>();
        while (await store.Items.NextAsync(project.Id, "ann", Lease, Ct) is { } item)
        {
            Assert.DoesNotContain(item.Id, seen);
            seen.Add(item.Id);
            await store.Annotations.SubmitAsync(project.Id, item.Id, [Choice("calm")], 2.0, "ann", Ct);
            var after = await store.Items.GetAsync(project.Id, item.Id, Ct);
            Assert.Null(after.LeaseUser);
        }
        Assert.Equal(2, seen.Count);
        Assert.Null(await store.Items.NextAsync(project.Id, "bob", Lease, Ct));
    }

    [Fact]
    public async Task Fifty_parallel_annotators_on_two_store_instances_never_share_an_item()
    {
        var store = await OpenStoreAsync();
        // A second instance on the same data stands for a second server process: its write lock is not shared.
        var other = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 3000);

        var handedOut = new ConcurrentBag<(string User, long Item)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = Ct }, async (u, ct) =>
        {
            for (var round = 0; round < 3; round++)
            {
                var instance = u % 2 == 0 ? store : other;
                var item = await instance.Items.NextAsync(project.Id, $"user{u}", Lease, ct);
                Assert.NotNull(item);
                handedOut.Add(($"user{u}", item.Id));
                await instance.Annotations.SubmitAsync(project.Id, item.Id, [Choice("joy")], 1, $"user{u}", ct);
            }
        });

        Assert.Equal(150, handedOut.Count);
        Assert.Equal(150, handedOut.Select(h => h.Item).Distinct().Count());
        Assert.Equal(150, (await store.Stats.GetAsync(project.Id, Ct)).Annotated);
    }
}

public sealed class NextItemTestsOnSqlite() : NextItemTests(StoreKind.Sqlite);

public sealed class NextItemTestsOnPostgres() : NextItemTests(StoreKind.Postgres);
