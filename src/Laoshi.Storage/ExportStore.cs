using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Laoshi.Core.Transfer;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Streams a project's items with their answers, a page of ids at a time, so memory stays flat. An item's answers
/// are its agreed answer alone when it has one, else its current annotations that were not rejected.
/// </summary>
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
            "SELECT i.id, i.data FROM items i WHERE i.project_id = @p AND i.id > @after AND i.status <> '" + Cleaning.DroppedItems.Status + "' ORDER BY i.id LIMIT @take",
            r => (Id: r.GetInt64(0), Data: r.GetString(1)), ct, ("@p", projectId), ("@after", after), ("@take", PageSize));
        if (items.Count == 0) return [];
        var range = new (string, object?)[] { ("@p", projectId), ("@first", items[0].Id), ("@last", items[^1].Id) };
        var annotations = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.project_id = @p AND a.item_id BETWEEN @first AND @last AND a.is_current " +
            $"AND {ReviewStore.NotRejected} AND NOT EXISTS (SELECT 1 FROM agreed_answers g WHERE g.item_id = a.item_id AND g.is_current) ORDER BY a.id",
            RowReaders.Annotation, ct, range);
        var agreed = await AgreedAsync(session, "g.project_id = @p AND g.item_id BETWEEN @first AND @last AND g.is_current", ct, range);
        var predictions = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.project_id = @p AND pr.item_id BETWEEN @first AND @last ORDER BY pr.id",
            RowReaders.Prediction, ct, range);
        return await AssembleAsync(session, items, annotations, agreed, predictions, ct);
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
        var agreed = await AgreedAsync(session,
            "g.id IN (SELECT si.agreed_answer_id FROM snapshot_items si WHERE si.snapshot_id = @s AND si.item_id BETWEEN @first AND @last)", ct, range);
        // Predictions are immutable; the snapshot holds those that existed when it was taken.
        var predictions = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.project_id = @p AND pr.item_id BETWEEN @first AND @last AND pr.created_at <= @at ORDER BY pr.id",
            RowReaders.Prediction, ct, ("@p", snapshot.ProjectId), ("@first", items[0].Id), ("@last", items[^1].Id), ("@at", UnixTime.From(snapshot.CreatedAt)));
        return await AssembleAsync(session, items, annotations, agreed, predictions, ct);
    }

    /// <summary>Agreed answers of a page, as the one answer their items export (see <see cref="ReviewStore"/>).</summary>
    private static Task<List<(long ItemId, ExportedAnswer Answer)>> AgreedAsync(DbSession session, string condition, CancellationToken ct,
        params (string, object?)[] parameters) =>
        RowReaders.ListAsync(session,
            $"SELECT {ReviewStore.AgreedColumns} FROM agreed_answers g LEFT JOIN annotations sa ON sa.id = g.source_annotation_id WHERE {condition} ORDER BY g.item_id",
            r => (r.GetInt64(1), ReviewStore.ToExported(ReviewStore.ReadAgreed(r), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetDouble(9))),
            ct, parameters);

    private async Task<List<ExportItem>> AssembleAsync(DbSession session, List<(long Id, string Data)> items,
        List<AnnotationRecord> annotations, List<(long ItemId, ExportedAnswer Answer)> agreed, List<PredictionRecord> predictions, CancellationToken ct)
    {
        var agreedByItem = agreed.ToDictionary(a => a.ItemId, a => a.Answer);
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
                agreedByItem.TryGetValue(items[i].Id, out var agreedAnswer)
                    ? [agreedAnswer]
                    : answersByItem[items[i].Id].Select(a => new ExportedAnswer(a.Id, a.Version, a.Result, a.CreatedAt, a.LeadTime, a.CreatedBy)).ToList(),
                predictionsByItem[items[i].Id].Select(p => new ExportedAnswer(p.Id, 1, p.Result, p.CreatedAt, null, null, p.ModelVersion, p.Score)).ToList(),
                itemBlobs));
        }
        return page;
    }

    private static string? BlobUrl(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && BlobStore.TryParseUrl(text, out var hash) ? hash : null;
}
