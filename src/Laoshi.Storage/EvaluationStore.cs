using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Test sets, evaluations and their per-item outcomes, and failing items sent to review. An evaluation is written
/// whole in one transaction, so a crash never leaves half of one; it is never changed afterwards.
/// </summary>
public sealed class EvaluationStore
{
    private const int InsertBatch = 200;
    private const string EvaluationColumns =
        "e.id, e.project_id, e.snapshot_id, s.name, s.version, e.model, e.model_version, e.created_by, e.created_at, e.duration_ms, e.item_count, e.summary";
    private const string RequestColumns =
        "r.id, r.project_id, r.item_id, r.evaluation_id, r.control, r.note, r.requested_by, r.requested_at, r.resolved_by, r.resolved_at, r.label_error_job";
    private readonly StoreDatabase _database;

    internal EvaluationStore(StoreDatabase database) => _database = database;

    /// <summary>Marks a snapshot version as a test set (marking it again changes nothing).</summary>
    public async Task<TestSnapshotInfo> MarkTestAsync(long projectId, long snapshotId, string user, CancellationToken ct = default)
    {
        await using (var session = await _database.WriteAsync(ct))
        {
            await EnsureSnapshotAsync(session, projectId, snapshotId, ct);
            var marked = await session.ScalarAsync<long?>("SELECT snapshot_id FROM test_snapshots WHERE snapshot_id = @s", ct, ("@s", snapshotId));
            if (marked is null)
                await session.ExecuteAsync("INSERT INTO test_snapshots (snapshot_id, project_id, marked_by, marked_at) VALUES (@s, @p, @u, @now)", ct,
                    ("@s", snapshotId), ("@p", projectId), ("@u", user), ("@now", UnixTime.Now()));
            await session.CommitAsync(ct);
        }
        return (await ListTestAsync(projectId, ct)).Single(t => t.SnapshotId == snapshotId);
    }

    /// <summary>Takes the test-set mark off a snapshot version; its evaluations stay.</summary>
    public async Task UnmarkTestAsync(long projectId, long snapshotId, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var removed = await session.ExecuteAsync("DELETE FROM test_snapshots WHERE snapshot_id = @s AND project_id = @p", ct, ("@s", snapshotId), ("@p", projectId));
        if (removed == 0) throw new NotFoundException($"test set (snapshot id {snapshotId})");
        await session.CommitAsync(ct);
    }

    /// <summary>The project's test sets, by name then version.</summary>
    public async Task<IReadOnlyList<TestSnapshotInfo>> ListTestAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await RowReaders.ListAsync(session,
            "SELECT t.snapshot_id, t.project_id, s.name, s.version, s.item_count, t.marked_by, t.marked_at FROM test_snapshots t " +
            "JOIN snapshots s ON s.id = t.snapshot_id WHERE t.project_id = @p ORDER BY s.name, s.version",
            r => new TestSnapshotInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetString(5), UnixTime.ToDate(r.GetInt64(6))),
            ct, ("@p", projectId));
    }

    /// <summary>Stores a finished evaluation with its per-item outcomes, all or nothing.</summary>
    public async Task<EvaluationInfo> AddAsync(long projectId, NewEvaluation evaluation, IEnumerable<EvaluationItemResult> items, CancellationToken ct = default)
    {
        long id;
        await using (var session = await _database.WriteAsync(ct))
        {
            await EnsureSnapshotAsync(session, projectId, evaluation.SnapshotId, ct);
            id = (await session.ScalarAsync<long?>(
                "INSERT INTO evaluations (project_id, snapshot_id, model, model_version, created_by, created_at, duration_ms, item_count, summary, report) " +
                "VALUES (@p, @s, @m, @v, @u, @now, @d, @n, @sum, @rep) RETURNING id", ct,
                ("@p", projectId), ("@s", evaluation.SnapshotId), ("@m", evaluation.Model), ("@v", evaluation.ModelVersion), ("@u", evaluation.CreatedBy),
                ("@now", UnixTime.Now()), ("@d", evaluation.DurationMs), ("@n", evaluation.ItemCount), ("@sum", evaluation.Summary),
                ("@rep", evaluation.Report)))!.Value;
            var batch = new List<EvaluationItemResult>(InsertBatch);
            foreach (var item in items)
            {
                batch.Add(item);
                if (batch.Count == InsertBatch)
                {
                    await InsertItemsAsync(session, id, batch, ct);
                    batch.Clear();
                }
            }
            if (batch.Count > 0) await InsertItemsAsync(session, id, batch, ct);
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, id, ct);
    }

    private static async Task InsertItemsAsync(DbSession session, long evaluationId, List<EvaluationItemResult> rows, CancellationToken ct)
    {
        // Many rows a statement: one round trip per 200 items instead of per item.
        var sql = new StringBuilder("INSERT INTO evaluation_items (evaluation_id, control, item_id, correct, score, confidence, truth, predicted) VALUES ");
        var parameters = new List<(string, object?)>(rows.Count * 7 + 1) { ("@e", evaluationId) };
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(CultureInfo.InvariantCulture, $"(@e, @c{i}, @i{i}, @k{i}, @s{i}, @f{i}, @t{i}, @r{i})");
            var row = rows[i];
            parameters.AddRange([($"@c{i}", row.Control), ($"@i{i}", row.ItemId), ($"@k{i}", row.Correct), ($"@s{i}", row.Score),
                ($"@f{i}", row.Confidence), ($"@t{i}", row.Truth), ($"@r{i}", row.Predicted)]);
        }
        try
        {
            await session.ExecuteAsync(sql.ToString(), ct, [.. parameters]);
        }
        catch (DbException) when (rows.GroupBy(r => (r.Control, r.ItemId)).Any(g => g.Count() > 1))
        {
            var twice = rows.GroupBy(r => (r.Control, r.ItemId)).First(g => g.Count() > 1).Key;
            throw new BadInputException($"item {twice.ItemId} has two results for control '{twice.Control}'", field: "items");
        }
    }

    /// <summary>The project's evaluations, newest first; optionally only those on one snapshot version or of one model.</summary>
    public async Task<Page<EvaluationInfo>> ListAsync(long projectId, int limit = 50, string? cursor = null, long? snapshotId = null, string? model = null,
        CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var before = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var conditions = new SqlConditions()
            .Add("e.project_id = @p").Parameter("@p", projectId).Parameter("@take", limit + 1)
            .AddIf("e.id < @before", "@before", before > 0 ? before : null)
            .AddIf("e.snapshot_id = @s", "@s", snapshotId)
            .AddIf("(e.model = @m OR e.model_version = @m)", "@m", model);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {EvaluationColumns} FROM evaluations e JOIN snapshots s ON s.id = e.snapshot_id {conditions.Where} ORDER BY e.id DESC LIMIT @take",
            ReadEvaluation, ct, conditions.Parameters);
        var next = rows.Count > limit ? Cursor.Encode(rows[limit - 1].Id) : null;
        return new Page<EvaluationInfo>(rows.Take(limit).ToList(), next);
    }

    public async Task<EvaluationInfo> GetAsync(long projectId, long evaluationId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {EvaluationColumns} FROM evaluations e JOIN snapshots s ON s.id = e.snapshot_id WHERE e.project_id = @p AND e.id = @e",
            ReadEvaluation, ct, ("@p", projectId), ("@e", evaluationId));
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"evaluation {evaluationId}");
    }

    /// <summary>The full report JSON text of an evaluation.</summary>
    public async Task<string> ReportAsync(long projectId, long evaluationId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await session.ScalarAsync<string>("SELECT report FROM evaluations WHERE project_id = @p AND id = @e", ct, ("@p", projectId), ("@e", evaluationId))
               ?? throw new NotFoundException($"evaluation {evaluationId}");
    }

    /// <summary>A page of an evaluation's item outcomes by item id (then control); only wrong ones when asked.</summary>
    public async Task<Page<EvaluationItemResult>> ItemsAsync(long projectId, long evaluationId, string? control = null, bool wrongOnly = false,
        int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var after = Cursor.Decode(cursor);
        await GetAsync(projectId, evaluationId, ct);
        await using var session = await _database.ReadAsync(ct);
        // Paged by item: every control of an item lands on the same page.
        var filter = (control is null ? "" : " AND x.control = @c") + (wrongOnly ? " AND NOT x.correct" : "");
        var items = await RowReaders.ListAsync(session,
            $"SELECT DISTINCT x.item_id FROM evaluation_items x WHERE x.evaluation_id = @e AND x.item_id > @after{filter} ORDER BY x.item_id LIMIT @take",
            r => r.GetInt64(0), ct, ("@e", evaluationId), ("@after", after), ("@c", control ?? ""), ("@take", limit + 1));
        if (items.Count == 0) return new Page<EvaluationItemResult>([], null);
        var last = items[Math.Min(limit, items.Count) - 1];
        var rows = await RowReaders.ListAsync(session,
            "SELECT x.item_id, x.control, x.correct, x.score, x.confidence, x.truth, x.predicted FROM evaluation_items x WHERE x.evaluation_id = @e " +
            $"AND x.item_id > @after AND x.item_id <= @last{filter} ORDER BY x.item_id, x.control",
            ReadItem, ct, ("@e", evaluationId), ("@after", after), ("@last", last), ("@c", control ?? ""));
        return new Page<EvaluationItemResult>(rows, items.Count > limit ? Cursor.Encode(last) : null);
    }

    /// <summary>Every item outcome of an evaluation, by control then item id, read a page at a time.</summary>
    public async IAsyncEnumerable<EvaluationItemResult> StreamItemsAsync(long projectId, long evaluationId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await GetAsync(projectId, evaluationId, ct);
        var control = "";
        var after = -1L;
        while (true)
        {
            List<EvaluationItemResult> page;
            await using (var session = await _database.ReadAsync(ct))
                page = await RowReaders.ListAsync(session,
                    "SELECT x.item_id, x.control, x.correct, x.score, x.confidence, x.truth, x.predicted FROM evaluation_items x WHERE x.evaluation_id = @e " +
                    "AND (x.control > @c OR (x.control = @c AND x.item_id > @after)) ORDER BY x.control, x.item_id LIMIT 2000",
                    ReadItem, ct, ("@e", evaluationId), ("@c", control), ("@after", after));
            foreach (var row in page) yield return row;
            if (page.Count < 2000) yield break;
            (control, after) = (page[^1].Control, page[^1].ItemId);
        }
    }

    /// <summary>
    /// The newest prediction of <paramref name="modelVersion"/> for each of the items (items without one are absent).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, PredictionRecord>> PredictionsAsync(long projectId, string modelVersion, IReadOnlyCollection<long> itemIds,
        CancellationToken ct = default)
    {
        var found = new Dictionary<long, PredictionRecord>();
        if (itemIds.Count == 0) return found;
        await using var session = await _database.ReadAsync(ct);
        foreach (var chunk in itemIds.Distinct().Chunk(500))
        {
            var inList = string.Join(",", chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            var rows = await RowReaders.ListAsync(session,
                $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.project_id = @p AND pr.model_version = @v AND pr.item_id IN ({inList}) ORDER BY pr.id",
                RowReaders.Prediction, ct, ("@p", projectId), ("@v", modelVersion));
            foreach (var row in rows) found[row.ItemId] = row;
        }
        return found;
    }

    /// <summary>The model versions that have predictions stored in the project, with how many.</summary>
    public async Task<IReadOnlyDictionary<string, long>> PredictionVersionsAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var rows = await RowReaders.ListAsync(session,
            "SELECT pr.model_version, COUNT(*) FROM predictions pr WHERE pr.project_id = @p GROUP BY pr.model_version ORDER BY pr.model_version",
            r => (r.GetString(0), r.GetInt64(1)), ct, ("@p", projectId));
        return rows.ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
    }

    /// <summary>Sends items of an evaluation back to people; returns how many requests are new (a repeat is ignored).</summary>
    public async Task<int> RequestReviewAsync(long projectId, long evaluationId, IEnumerable<(long ItemId, string Control, string? Note)> items, string user,
        CancellationToken ct = default)
    {
        await GetAsync(projectId, evaluationId, ct);
        var added = 0;
        await using var session = await _database.WriteAsync(ct);
        var now = UnixTime.Now();
        foreach (var (itemId, control, note) in items)
        {
            var exists = await session.ScalarAsync<long?>(
                "SELECT id FROM review_requests WHERE evaluation_id = @e AND control = @c AND item_id = @i", ct, ("@e", evaluationId), ("@c", control), ("@i", itemId));
            if (exists is not null) continue;
            var item = await session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId));
            if (item is null) throw new NotFoundException($"item {itemId}");
            added += await session.ExecuteAsync(
                "INSERT INTO review_requests (project_id, item_id, evaluation_id, control, note, requested_by, requested_at) " +
                "VALUES (@p, @i, @e, @c, @n, @u, @now)", ct,
                ("@p", projectId), ("@i", itemId), ("@e", evaluationId), ("@c", control), ("@n", note), ("@u", user), ("@now", now));
        }
        await session.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// Sends items a label-error search (job <paramref name="jobId"/>) suspects to review; returns how many requests are
    /// new (a suspect of that search sent again is ignored). An item not in the project is a 404 and nothing is sent.
    /// </summary>
    public async Task<int> RequestLabelReviewAsync(long projectId, long jobId, IEnumerable<(long ItemId, string Control, string? Note)> items, string user,
        CancellationToken ct = default)
    {
        var added = 0;
        await using var session = await _database.WriteAsync(ct);
        var now = UnixTime.Now();
        foreach (var (itemId, control, note) in items)
        {
            var item = await session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId));
            if (item is null) throw new NotFoundException($"item {itemId}");
            var exists = await session.ScalarAsync<long?>(
                "SELECT id FROM review_requests WHERE label_error_job = @j AND item_id = @i", ct, ("@j", jobId), ("@i", itemId));
            if (exists is not null) continue;
            added += await session.ExecuteAsync(
                "INSERT INTO review_requests (project_id, item_id, label_error_job, control, note, requested_by, requested_at) " +
                "VALUES (@p, @i, @j, @c, @n, @u, @now)", ct,
                ("@p", projectId), ("@i", itemId), ("@j", jobId), ("@c", control), ("@n", note), ("@u", user), ("@now", now));
        }
        await session.CommitAsync(ct);
        return added;
    }

    /// <summary>Review requests, oldest first; open ones only unless asked for all.</summary>
    public async Task<Page<EvaluationReviewRequest>> ReviewRequestsAsync(long projectId, bool openOnly = true, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var after = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {RequestColumns} FROM review_requests r WHERE r.project_id = @p AND r.id > @after{(openOnly ? " AND r.resolved_at IS NULL" : "")} ORDER BY r.id LIMIT @take",
            ReadRequest, ct, ("@p", projectId), ("@after", after), ("@take", limit + 1));
        return new Page<EvaluationReviewRequest>(rows.Take(limit).ToList(), rows.Count > limit ? Cursor.Encode(rows[limit - 1].Id) : null);
    }

    /// <summary>Closes a review request (409 when it was closed already).</summary>
    public async Task<EvaluationReviewRequest> ResolveReviewRequestAsync(long projectId, long requestId, string user, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var rows = await RowReaders.ListAsync(session, $"SELECT {RequestColumns} FROM review_requests r WHERE r.project_id = @p AND r.id = @r",
            ReadRequest, ct, ("@p", projectId), ("@r", requestId));
        if (rows.Count == 0) throw new NotFoundException($"review request {requestId}");
        if (rows[0].ResolvedAt is not null) throw new ConflictException($"review request {requestId} was resolved by {rows[0].ResolvedBy} already");
        var now = UnixTime.Now();
        await session.ExecuteAsync("UPDATE review_requests SET resolved_by = @u, resolved_at = @now WHERE id = @r", ct, ("@u", user), ("@now", now), ("@r", requestId));
        await session.CommitAsync(ct);
        return rows[0] with { ResolvedBy = user, ResolvedAt = UnixTime.ToDate(now) };
    }

    private static async Task EnsureSnapshotAsync(DbSession session, long projectId, long snapshotId, CancellationToken ct)
    {
        var found = await session.ScalarAsync<long?>("SELECT id FROM snapshots WHERE id = @s AND project_id = @p", ct, ("@s", snapshotId), ("@p", projectId));
        if (found is null) throw new NotFoundException($"snapshot id {snapshotId}");
    }

    private static EvaluationInfo ReadEvaluation(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.GetString(6), r.GetString(7),
        UnixTime.ToDate(r.GetInt64(8)), r.GetDouble(9), r.GetInt64(10), r.GetString(11));

    private static EvaluationItemResult ReadItem(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetBoolean(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.GetString(5), r.GetString(6));

    private static EvaluationReviewRequest ReadRequest(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
        UnixTime.ToDate(r.GetInt64(7)), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : UnixTime.ToDate(r.GetInt64(9)),
        r.IsDBNull(10) ? null : r.GetInt64(10));
}
