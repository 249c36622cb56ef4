using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class SnapshotExportTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task A_snapshot_keeps_the_answers_it_was_taken_with()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 4, annotate: i => i < 2 ? [new ImportedAnswer([Choice("anger")], CompletedBy: "ann")] : []);
        var ids = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Select(i => i.Id).ToArray();

        var v1 = await store.Snapshots.CreateAsync(project.Id, "train", "annotated", Ct);
        await store.Annotations.SubmitAsync(project.Id, ids[0], [Choice("joy")], null, "ann", Ct);
        await store.Annotations.SubmitAsync(project.Id, ids[2], [Choice("calm")], null, "bob", Ct);
        var v2 = await store.Snapshots.CreateAsync(project.Id, "train", "annotated", Ct);

        Assert.Equal((1, 2L), (v1.Version, v1.ItemCount));
        Assert.Equal((2, 3L), (v2.Version, v2.ItemCount));

        var frozen = await store.Export.StreamAsync(project.Id, "train", 1, Ct).ToListAsync(Ct);
        Assert.Equal([ids[0], ids[1]], frozen.Select(i => i.Id));
        Assert.Equal("anger", frozen[0].Annotations.Single().Result[0].Labels[0]);

        var latest = await store.Export.StreamAsync(project.Id, "train", ct: Ct).ToListAsync(Ct);
        Assert.Equal([ids[0], ids[1], ids[2]], latest.Select(i => i.Id));
        Assert.Equal("joy", latest[0].Annotations.Single().Result[0].Labels[0]);
        Assert.Equal(2, latest[0].Annotations.Single().Version);

        var listed = await store.Snapshots.ListAsync(project.Id, Ct);
        Assert.Equal([("train", 1), ("train", 2)], listed.Select(s => (s.Name, s.Version)));
        Assert.Equal("annotated", listed[0].Filter);
    }

    [Fact]
    public async Task A_snapshot_without_a_filter_holds_every_item_even_unanswered_ones()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 3, annotate: i => i == 0 ? [new ImportedAnswer([Choice("joy")], CompletedBy: "a"), new ImportedAnswer([Choice("calm")], CompletedBy: "b")] : []);
        var snapshot = await store.Snapshots.CreateAsync(project.Id, "all", null, Ct);
        Assert.Equal(3, snapshot.ItemCount);
        var items = await store.Export.StreamAsync(project.Id, "all", ct: Ct).ToListAsync(Ct);
        Assert.Equal([2, 0, 0], items.Select(i => i.Annotations.Count));
    }

    [Fact]
    public async Task A_bad_snapshot_filter_is_refused_with_its_column_and_nothing_is_created()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var error = await Assert.ThrowsAsync<BadInputException>(() => store.Snapshots.CreateAsync(project.Id, "s", "label=joy and (id>3", Ct));
        Assert.Contains("column 20", error.Message);
        Assert.Empty(await store.Snapshots.ListAsync(project.Id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Snapshots.GetAsync(project.Id, "s", ct: Ct));
    }

    [Fact]
    public async Task Export_streams_every_item_with_answers_and_blob_facts()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var blob = await store.Blobs.PutAsync(new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, 9, 9]), "dog.jpg", new BlobMetadata(Width: 640, Height: 480), Ct);
        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            for (var i = 0; i < 2345; i++)
                await batch.AddAsync(new() { ["image"] = blob.Url, ["n"] = i },
                    i % 3 == 0 ? [new ImportedAnswer([Choice("joy")], CompletedBy: "ann")] : [],
                    i % 7 == 0 ? [new ImportedAnswer([Choice("calm")], ModelVersion: "m", Score: 0.5)] : [], Ct);
            await batch.CommitAsync(Ct);
        }

        var count = 0;
        long last = 0;
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: Ct))
        {
            Assert.True(item.Id > last);
            last = item.Id;
            Assert.Equal(count, item.Data["n"]!.GetValue<int>());
            Assert.Equal(count % 3 == 0 ? 1 : 0, item.Annotations.Count);
            Assert.Equal(count % 7 == 0 ? 1 : 0, item.Predictions.Count);
            var info = item.Blobs["image"];
            Assert.Equal((blob.Hash, "image/jpeg", 640, 480), (info.Hash, info.MediaType, info.Width!.Value, info.Height!.Value));
            Assert.True(File.Exists(info.LocalPath));
            count++;
        }
        Assert.Equal(2345, count);
    }

    [Fact]
    public async Task Export_reads_page_by_page_rather_than_all_at_once()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1500);

        // Items added after the stream began still arrive: the stream fetches later pages only when it reaches them.
        var seen = 0;
        await foreach (var _ in store.Export.StreamAsync(project.Id, ct: Ct))
        {
            if (seen++ == 0) await ImportAsync(store, project.Id, 10);
        }
        Assert.Equal(1510, seen);
    }
}

public sealed class SnapshotExportTestsOnSqlite() : SnapshotExportTests(StoreKind.Sqlite);

public sealed class SnapshotExportTestsOnPostgres() : SnapshotExportTests(StoreKind.Postgres);
