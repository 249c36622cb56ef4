using System.Security.Cryptography;
using Laoshi.Core.Errors;

namespace Laoshi.Storage.Tests;

public abstract class BlobTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task The_same_bytes_are_stored_once_under_their_sha256()
    {
        var store = await OpenStoreAsync();
        byte[] bytes = [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, 1, 2, 3];
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var first = await store.Blobs.PutAsync(new MemoryStream(bytes), "a.wav", null, Ct);
        var second = await store.Blobs.PutAsync(new MemoryStream(bytes), "b.wav", null, Ct);

        Assert.Equal(hash, first.Hash);
        Assert.Equal(hash, second.Hash);
        Assert.Equal("audio/wav", first.MediaType);
        Assert.Equal("a.wav", second.OriginalName);
        Assert.Equal(Path.Combine(DataDirectory, "blobs", hash[..2], hash[2..4], hash), first.Path);
        Assert.Equal("/api/v1/blobs/" + hash, first.Url);
        Assert.Empty(Directory.GetFiles(Path.Combine(DataDirectory, "blobs", "tmp")));
        await using var read = store.Blobs.OpenRead(hash);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Given_metadata_wins_over_guessing()
    {
        var store = await OpenStoreAsync();
        var blob = await store.Blobs.PutAsync(new MemoryStream([1, 2, 3]), "clip.bin", new BlobMetadata("audio/mpeg", Duration: 12.5), Ct);
        var again = await store.Blobs.GetAsync(blob.Hash, Ct);
        Assert.Equal(("audio/mpeg", 12.5, 3L), (again.MediaType, again.Duration!.Value, again.Size));
        Assert.Equal(blob.Hash, again.ToBlobInfo().Hash);
    }

    [Fact]
    public async Task A_file_an_import_brings_in_is_stored_inside_the_import_without_waiting_for_it()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        byte[] bytes = [.. "GIF89a"u8, 4, 0, 3, 0];

        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            // On SQLite the import holds the write lock; a blob write of its own would wait for it forever.
            var blob = await batch.PutBlobAsync(new MemoryStream(bytes), "room.gif", new BlobMetadata("image/gif", 4, 3), Ct)
                .WaitAsync(TimeSpan.FromSeconds(20), Ct);
            Assert.Equal(("image/gif", 4, 3, "room.gif"), (blob.MediaType, blob.Width!.Value, blob.Height!.Value, blob.OriginalName!));
            await batch.AddAsync(new System.Text.Json.Nodes.JsonObject { ["image"] = blob.Url }, [], [], Ct);
            await batch.CommitAsync(Ct);
        }

        var stored = await store.Blobs.GetAsync(Convert.ToHexStringLower(SHA256.HashData(bytes)), Ct);
        Assert.Equal((4, 3), (stored.Width!.Value, stored.Height!.Value));
    }

    [Fact]
    public async Task Unknown_or_malformed_hashes_are_not_found()
    {
        var store = await OpenStoreAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => store.Blobs.GetAsync(new string('a', 64), Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Blobs.GetAsync("../../etc/passwd", Ct));
        Assert.Throws<NotFoundException>(() => store.Blobs.OpenRead(new string('b', 64)));
        Assert.False(BlobStore.TryParseUrl("/api/v1/blobs/../x", out _));
        Assert.False(BlobStore.TryParseUrl("http://elsewhere/cat.png", out _));
    }
}

public sealed class BlobTestsOnSqlite() : BlobTests(StoreKind.Sqlite);

public sealed class BlobTestsOnPostgres() : BlobTests(StoreKind.Postgres);
