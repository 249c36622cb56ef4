using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// An all-or-nothing import into one project: everything added is written in one transaction that
/// CommitAsync commits; disposing without committing rolls it all back.
/// Imported annotations become version 1, 2, ... per user in the order given; each user's last is current.
/// </summary>
public sealed class ImportBatch : IAsyncDisposable
{
    private const string ImportUser = "import";
    private const int AnalyzeAfter = 10_000;
    private readonly DbSession _session;
    private readonly IImportWriter _writer;
    private readonly BlobStore _blobs;
    private long _items;
    private long _annotations;
    private long _predictions;
    private bool _finished;
    private readonly int _overlap;

    internal ImportBatch(DbSession session, IImportWriter writer, BlobStore blobs, int overlap = 1)
    {
        _overlap = overlap;
        _session = session;
        _writer = writer;
        _blobs = blobs;
    }

    /// <summary>Adds an item read by an import reader: its files become blobs whose URLs replace data[DataKey].</summary>
    public async Task AddAsync(ImportedItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var file in item.Files)
        {
            string url;
            try
            {
                await using var content = File.OpenRead(file.Path);
                url = await _blobs.PutAsync(_session, content, Path.GetFileName(file.Path), ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                throw new BadInputException(item.Where with { Message = $"cannot read file '{file.Path}': {e.Message}", Field = file.DataKey });
            }
            item.Data[file.DataKey] = url;
        }
        await AddAsync(item.Data, item.Annotations, item.Predictions, ct);
    }

    /// <summary>
    /// Stores a file the import brings in (an image or audio file its rows refer to) as a blob, inside this import's
    /// transaction. On SQLite the import holds the only write lock until it commits, so BlobStore.PutAsync, which
    /// opens a write session of its own, would wait for it forever; media met during an import must come through here.
    /// If the import is rolled back the row goes with it; the content-addressed file may stay, unreferenced.
    /// </summary>
    public Task<BlobRecord> PutBlobAsync(Stream content, string? originalName = null, BlobMetadata? metadata = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ObjectDisposedException.ThrowIf(_finished, this);
        return _blobs.PutAsync(_session, content, originalName, metadata, ct);
    }

    /// <summary>A blob's record as this import sees it: stored before, or by this import and not yet committed.</summary>
    public async Task<BlobRecord> GetBlobAsync(string hash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ObjectDisposedException.ThrowIf(_finished, this);
        var found = await _blobs.FindAsync(_session, [hash], ct);
        return found.TryGetValue(hash, out var record) ? record : throw new NotFoundException($"blob '{hash}'");
    }

    /// <param name="annotations">Answers by people, regions in pixels.</param>
    /// <param name="predictions">Answers by models; ModelVersion defaults to "imported".</param>
    public async Task AddAsync(JsonObject data, IReadOnlyList<ImportedAnswer> annotations, IReadOnlyList<ImportedAnswer> predictions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ObjectDisposedException.ThrowIf(_finished, this);
        var now = UnixTime.Now();

        var lastByUser = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < annotations.Count; i++) lastByUser[annotations[i].CompletedBy ?? ImportUser] = i;
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var pendingAnswers = new List<PendingAnswer>(annotations.Count);
        for (var i = 0; i < annotations.Count; i++)
        {
            var answer = annotations[i];
            var user = answer.CompletedBy ?? ImportUser;
            var version = versions[user] = versions.GetValueOrDefault(user) + 1;
            pendingAnswers.Add(new PendingAnswer(version, RegionJson.Serialize(answer.Result), answer.LeadTime, user,
                answer.CreatedAt is { } at ? UnixTime.From(at) : now, lastByUser[user] == i));
        }
        var labels = LabelCounts.Of(annotations.Where((_, i) => pendingAnswers[i].IsCurrent).Select(a => a.Result));
        var pendingPredictions = predictions
            .Select(p => new PendingPrediction(p.ModelVersion ?? "imported", p.Score, RegionJson.Serialize(p.Result), p.CreatedAt is { } at ? UnixTime.From(at) : now))
            .ToList();

        var current = lastByUser.Count;
        await _writer.WriteAsync(new PendingItem(JsonText.Write(data), current > 0 && current >= _overlap ? ItemStatus.Annotated : ItemStatus.New, current, now,
            pendingAnswers, pendingPredictions, labels), ct);
        _items++;
        _annotations += pendingAnswers.Count;
        _predictions += pendingPredictions.Count;
    }

    public async Task<ImportCounts> CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await _writer.FlushAsync(ct);
        await _session.CommitAsync(ct);
        if (_session.IsPostgres && _items >= AnalyzeAfter)
        {
            // The planner's statistics are stale after a bulk load until autovacuum comes round; refresh them now
            // so the first queries on the new items use their indexes.
            await using var analyze = _session.Connection.CreateCommand();
            analyze.CommandText = "ANALYZE items; ANALYZE annotations; ANALYZE predictions; ANALYZE item_labels";
            await analyze.ExecuteNonQueryAsync(ct);
        }
        await DisposeAsync();
        return new ImportCounts(_items, _annotations, _predictions);
    }

    public async ValueTask DisposeAsync()
    {
        if (_finished) return;
        _finished = true;
        await _writer.DisposeAsync();
        await _session.DisposeAsync();
    }
}
