using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class ImportTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task An_import_stores_items_with_their_annotations_and_predictions()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);

        var counts = await ImportAsync(store, project.Id, 2500,
            annotate: i => i % 2 == 0 ? [new ImportedAnswer([Choice("joy")], LeadTime: 3.5, CompletedBy: "ann")] : [],
            predict: i => i % 5 == 0 ? [new ImportedAnswer([Choice("calm") with { Score = 0.8 }], ModelVersion: "m1", Score: 0.8)] : []);

        Assert.Equal(new ImportCounts(2500, 1250, 500), counts);
        var items = await AllItemsAsync(store, project.Id, new ItemQuery(Limit: 1000));
        Assert.Equal(2500, items.Count);
        Assert.Equal("item 0", items[0].Data["text"]!.GetValue<string>());
        Assert.Equal(ItemStatus.Annotated, items[0].Status);
        Assert.Equal(ItemStatus.New, items[1].Status);

        var first = await store.Items.GetAsync(project.Id, items[0].Id, Ct);
        var answer = Assert.Single(first.Annotations);
        Assert.Equal("ann", answer.CreatedBy);
        Assert.Equal(1, answer.Version);
        Assert.Equal(3.5, answer.LeadTime);
        Assert.Equal(["joy"], answer.Result[0].Labels);
        var prediction = Assert.Single(first.Predictions);
        Assert.Equal("m1", prediction.ModelVersion);
        Assert.Equal(0.8, prediction.Score);
    }

    [Fact]
    public async Task An_import_that_fails_midway_leaves_nothing_behind()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var batch = await store.Items.BeginImportAsync(project.Id, Ct);
            for (var i = 0; i < 1500; i++)
            {
                if (i == 1400) throw new InvalidOperationException("the source broke at row 1400");
                await batch.AddAsync(Text($"item {i}"), [new ImportedAnswer([Choice("joy")], CompletedBy: "ann")], [], Ct);
            }
            await batch.CommitAsync(Ct);
        });

        Assert.Empty((await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items);
        var stats = await store.Stats.GetAsync(project.Id, Ct);
        Assert.Equal(0, stats.Items);
        Assert.Equal(0, stats.Annotations);
        Assert.Empty(stats.ByLabel);

        // The store is still usable: the failed import released everything it held.
        await ImportAsync(store, project.Id, 3);
        Assert.Equal(3, (await store.Stats.GetAsync(project.Id, Ct)).Items);
    }

    [Fact]
    public async Task Items_being_imported_are_invisible_until_commit()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);

        await using var batch = await store.Items.BeginImportAsync(project.Id, Ct);
        for (var i = 0; i < 1200; i++) await batch.AddAsync(Text($"item {i}"), [], [], Ct);
        Assert.Empty((await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items);
        await batch.CommitAsync(Ct);
        Assert.Equal(1200, (await store.Stats.GetAsync(project.Id, Ct)).Items);
    }

    [Fact]
    public async Task Imported_files_become_blobs_referenced_by_url()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var file = Path.Combine(DataDirectory, "cat.png");
        await File.WriteAllBytesAsync(file, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3], Ct);

        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            var item = new ImportedItem(new() { ["image"] = "cat.png" }, [], [], [new FileReference("image", file)], new Core.Errors.InputError("row", "in.jsonl", 1));
            await batch.AddAsync(item, Ct);
            await batch.CommitAsync(Ct);
        }

        var stored = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Single();
        var url = stored.Data["image"]!.GetValue<string>();
        Assert.True(BlobStore.TryParseUrl(url, out var hash));
        var blob = await store.Blobs.GetAsync(hash, Ct);
        Assert.Equal("image/png", blob.MediaType);
        Assert.Equal("cat.png", blob.OriginalName);
        Assert.Equal(7, blob.Size);
    }

    [Fact]
    public async Task A_user_with_several_imported_answers_has_versions_and_only_the_last_is_current()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1, annotate: _ =>
        [
            new ImportedAnswer([Choice("anger")], CompletedBy: "ann"),
            new ImportedAnswer([Choice("joy")], CompletedBy: "ann"),
            new ImportedAnswer([Choice("calm")], CompletedBy: "bob"),
        ]);
        var item = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Single();

        var detail = await store.Items.GetAsync(project.Id, item.Id, Ct);
        Assert.Equal(2, detail.AnnotationCount);
        Assert.Equal(["joy", "calm"], detail.Annotations.Select(a => a.Result[0].Labels[0]));
        var history = await store.Annotations.HistoryAsync(project.Id, item.Id, Ct);
        Assert.Equal([1, 2, 1], history.Select(a => a.Version));
        Assert.Equal(new Dictionary<string, long> { ["calm"] = 1, ["joy"] = 1 }, (await store.Stats.GetAsync(project.Id, Ct)).ByLabel);
    }

    [Fact]
    public async Task Chinese_and_unusual_json_round_trips_exactly()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var data = new System.Text.Json.Nodes.JsonObject { ["text"] = "今天天气很好，我很开心！\"quoted\" \\ 🙂", ["meta"] = new System.Text.Json.Nodes.JsonObject { ["n"] = 1.5 } };
        var region = new Region { Id = "a", FromName = "ner", ToName = "text", Type = RegionTypes.Labels, Labels = ["地点"], Start = 0, End = 2, Text = "今天" };
        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            await batch.AddAsync(data, [new ImportedAnswer([region], CompletedBy: "李")], [], Ct);
            await batch.CommitAsync(Ct);
        }
        var item = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Single();
        Assert.Equal(data.ToJsonString(), item.Data.ToJsonString());
        var detail = await store.Items.GetAsync(project.Id, item.Id, Ct);
        Assert.Equal(region, detail.Annotations.Single().Result.Single() with { Labels = region.Labels });
        Assert.Equal("地点", detail.Annotations.Single().Result.Single().Labels.Single());
    }
}

public sealed class ImportTestsOnSqlite() : ImportTests(StoreKind.Sqlite);

public sealed class ImportTestsOnPostgres() : ImportTests(StoreKind.Postgres);
