using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Laoshi.Core.Transfer;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>Streams a project's items with their current answers, a page of ids at a time, so memory stays flat.</summary>
public sealed class ExportStore
{
    internal const int PageSize = 1000;
    private readonly StoreDatabase _database;
    private readonly BlobStore _blobs;
    private readonly SnapshotStore _snapshots;

    internal ExportStore(StoreDatabase database, BlobStore blobs, SnapshotStore snapshots)
    {
        _database = database;
        _blobs = blobs;
        _snapshots = snapshots;
    }

    /// <summary>
    /// Every item of the project with its current annotations and its predictions; or, given a snapshot name, the
    /// items and annotation versions frozen in that snapshot (newest version unless one is given).
    /// </summary>
    public async IAsyncEnumerable<ExportItem> StreamAsync(long projectId, string? snapshotName = null, int? snapshotVersion = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        SnapshotInfo? snapshot = null;
        if (snapshotName is not null) snapshot = await _snapshots.GetAsync(projectId, snapshotName, snapshotVersion, ct);
        else
        {
            await using var check = await _database.ReadAsync(ct);
            await RowReaders.EnsureProjectAsync(check, projectId, ct);
        }

        var after = 0L;
        while (true)
        {
            List<ExportItem> page;
            await using (var session = await _database.ReadAsync(ct))
                page = snapshot is null ? await ProjectPageAsync(session, projectId, after, ct) : await SnapshotPageAsync(session, snapshot, after, ct);
            foreach (var item in page) yield return item;
            if (page.Count < PageSize) yield break;
            after = page[^1].Id;
        }
    }

    private async Task<List<ExportItem>> ProjectPageAsync(DbSession session, long projectId, long after, CancellationToken ct)
    {
        var items = await RowReaders.ListAsync(session,
            "SELECT i.id, i.data FROM items i WHERE i.project_id = @p AND i.id > @after ORDER BY i.id LIMIT @take",
            r => (Id: r.GetInt64(0), Data: r.GetString(1)), ct, ("@p", projectId), ("@after", after), ("@take", PageSize));
        if (items.Count == 0) return [];
        var range = new (string, object?)[] { ("@p", projectId), ("@first", items[0].Id), ("@last", items[^1].Id) };
        var annotations = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.project_id = @p AND a.item_id BETWEEN @first AND @last AND a.is_current ORDER BY a.id",
            RowReaders.Annotation, ct, range);
        var predictions = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.project_id = @p AND pr.item_id BETWEEN @first AND @last ORDER BY pr.id",
            RowReaders.Prediction, ct, range);
        return await AssembleAsync(session, items, annotations, predictions, ct);
    }

    private async Task<List<ExportItem>> SnapshotPageAsync(DbSession session, SnapshotInfo snapshot, long after, CancellationToken ct)
    {
        var items = await RowReaders.ListAsync(session,
            "SELECT i.id, i.data FROM items i WHERE i.id IN (SELECT DISTINCT si.item_id FROM snapshot_items si WHERE si.snapshot_id = @s AND si.item_id > @after ORDER BY si.item_id LIMIT @take) ORDER BY i.id",
            r => (Id: r.GetInt64(0), Data: r.GetString(1)), ct, ("@s", snapshot.Id), ("@after", after), ("@take", PageSize));
        if (items.Count == 0) return [];
        var range = new (string, object?)[] { ("@s", snapshot.Id), ("@first", items[0].Id), ("@last", items[^1].Id) };
        var annotations = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.AnnotationColumns} FROM snapshot_items si JOIN annotations a ON a.id = si.annotation_id " +
            "WHERE si.snapshot_id = @s AND si.item_id BETWEEN @first AND @last ORDER BY a.id",
            RowReaders.Annotation, ct, range);
        // Predictions are immutable; the snapshot holds those that existed when it was taken.
        var predictions = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.project_id = @p AND pr.item_id BETWEEN @first AND @last AND pr.created_at <= @at ORDER BY pr.id",
            RowReaders.Prediction, ct, ("@p", snapshot.ProjectId), ("@first", items[0].Id), ("@last", items[^1].Id), ("@at", UnixTime.From(snapshot.CreatedAt)));
        return await AssembleAsync(session, items, annotations, predictions, ct);
    }

    private async Task<List<ExportItem>> AssembleAsync(DbSession session, List<(long Id, string Data)> items,
        List<AnnotationRecord> annotations, List<PredictionRecord> predictions, CancellationToken ct)
    {
        var answersByItem = annotations.ToLookup(a => a.ItemId);
        var predictionsByItem = predictions.ToLookup(p => p.ItemId);
        var data = items.Select(i => JsonText.Read(i.Data)).ToList();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in data)
            foreach (var (_, value) in item)
                if (BlobUrl(value) is { } hash) hashes.Add(hash);
        var blobs = await _blobs.FindAsync(session, hashes, ct);

        var page = new List<ExportItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemBlobs = new Dictionary<string, BlobInfo>(StringComparer.Ordinal);
            foreach (var (key, value) in data[i])
                if (BlobUrl(value) is { } hash && blobs.TryGetValue(hash, out var blob)) itemBlobs[key] = blob.ToBlobInfo();
            page.Add(new ExportItem(items[i].Id, data[i],
                answersByItem[items[i].Id].Select(a => new ExportedAnswer(a.Id, a.Version, a.Result, a.CreatedAt, a.LeadTime, a.CreatedBy)).ToList(),
                predictionsByItem[items[i].Id].Select(p => new ExportedAnswer(p.Id, 1, p.Result, p.CreatedAt, null, null, p.ModelVersion, p.Score)).ToList(),
                itemBlobs));
        }
        return page;
    }

    private static string? BlobUrl(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && BlobStore.TryParseUrl(text, out var hash) ? hash : null;
}
