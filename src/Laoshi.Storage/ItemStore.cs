using System.Data.Common;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Filtering;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

public sealed class ItemStore
{
    private readonly StoreDatabase _database;
    private readonly BlobStore _blobs;

    internal ItemStore(StoreDatabase database, BlobStore blobs)
    {
        _database = database;
        _blobs = blobs;
    }

    /// <summary>Starts an all-or-nothing import; nothing is visible until CommitAsync. On SQLite it holds the write lock until then.</summary>
    public async Task<ImportBatch> BeginImportAsync(long projectId, CancellationToken ct = default)
    {
        var session = await _database.WriteAsync(ct);
        try
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            IImportWriter writer = session.IsPostgres ? new PostgresImportWriter(session, projectId) : new SqliteImportWriter(session, projectId);
            var overlap = (await WorkRules.SettingsAsync(SqlRunner.On(session), projectId, ct)).Overlap;
            return new ImportBatch(session, writer, _blobs, overlap);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Items in id order, one page at a time; all conditions of the query must hold.</summary>
    public async Task<Page<ItemSummary>> ListAsync(long projectId, ItemQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Cursor.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor);
        var filter = query.Filter is null ? null : FilterParser.Parse(query.Filter);

        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var parameters = new List<(string Name, object? Value)> { ("@p", projectId), ("@after", after), ("@take", limit + 1) };
        var where = new List<string> { "i.project_id = @p", "i.id > @after" };
        if (query.Status is not null)
        {
            where.Add("i.status = @status");
            parameters.Add(("@status", query.Status));
        }
        if (query.Label is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM item_labels l WHERE l.item_id = i.id AND l.label = @label)");
            parameters.Add(("@label", query.Label));
        }
        if (!string.IsNullOrEmpty(query.Q))
        {
            where.Add($"i.data {session.Like} @q ESCAPE '\\'");
            parameters.Add(("@q", FilterSql.LikePattern(query.Q)));
        }
        if (filter is not null) where.Add(FilterSql.Translate(filter, parameters, session.Like));

        var sql = $"SELECT i.id, i.data, i.status, i.annotation_count, i.created_at FROM items i WHERE {string.Join(" AND ", where)} ORDER BY i.id LIMIT @take";
        var rows = await RowReaders.ListAsync(session, sql,
            r => new ItemSummary(r.GetInt64(0), JsonText.Read(r.GetString(1)), r.GetString(2), r.GetInt32(3), UnixTime.ToDate(r.GetInt64(4))),
            ct, [.. parameters]);
        return ProjectStore.PageOf(rows, limit, i => i.Id);
    }

    public async Task<ItemDetail> GetAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        if (!_database.IsPostgres)
            return _database.SqliteReads.Read(c => SqliteReads.Item(c, projectId, itemId)) ?? throw new NotFoundException($"item {itemId} in project {projectId}");
        await using var session = await _database.ReadAsync(ct);
        return await GetAsync(session, projectId, itemId, ct) ?? throw new NotFoundException($"item {itemId} in project {projectId}");
    }

    /// <summary>Only the item's data: what checking an answer against the item needs, without its annotations.</summary>
    public async Task<JsonObject> GetDataAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        string? data;
        if (!_database.IsPostgres)
        {
            data = _database.SqliteReads.Read(c => SqliteReads.ItemData(c, projectId, itemId));
        }
        else
        {
            await using var session = await _database.ReadAsync(ct);
            data = await session.ScalarAsync<string>("SELECT data FROM items WHERE id = @id AND project_id = @p", ct, ("@id", itemId), ("@p", projectId));
        }
        return data is null ? throw new NotFoundException($"item {itemId} in project {projectId}") : JsonText.Read(data);
    }

    /// <summary>
    /// Hands the user their next copy of an item and leases it to them for the project's lease length (see
    /// <see cref="DistributionStore"/> for the rules: overlap, order, gold, exam). Null when nothing is left for them;
    /// <see cref="NotQualifiedException"/> when they failed the project's exam.
    /// </summary>
    public Task<ItemDetail?> NextAsync(long projectId, string user, CancellationToken ct = default) => NextAsync(projectId, user, null, ct);

    /// <summary>As <see cref="NextAsync(long, string, CancellationToken)"/>, with this lease length instead of the project's.</summary>
    public Task<ItemDetail?> NextAsync(long projectId, string user, TimeSpan lease, CancellationToken ct = default)
    {
        if (lease <= TimeSpan.Zero) throw new BadInputException("the lease must be positive", field: "lease");
        return NextAsync(projectId, user, (TimeSpan?)lease, ct);
    }

    /// <summary>
    /// The person's copy after <paramref name="current"/>, leased ahead while they still hold the current one, so the
    /// workspace can show it without waiting once the current one is submitted. Null when there is none to take ahead
    /// (nothing left, or an exam not yet passed); the caller then asks <see cref="NextAsync(long, string, CancellationToken)"/>.
    /// </summary>
    public Task<ItemDetail?> NextAfterAsync(long projectId, string user, long current, CancellationToken ct = default)
    {
        if (current <= 0) throw new BadInputException("the current item id must be positive", field: "after");
        return NextAsync(projectId, user, null, ct, current);
    }

    private async Task<ItemDetail?> NextAsync(long projectId, string user, TimeSpan? lease, CancellationToken ct, long after = 0)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new BadInputException("the user is empty", field: "user");
        var now = UnixTime.Now();

        LeaseOutcome outcome;
        ItemDetail? item;
        if (!_database.IsPostgres)
        {
            // The item is read back on the writer's connection, in the lease's own transaction: the writer's page cache
            // still holds the pages it just changed, while a pooled reader's cache is dropped whenever the database
            // changed since its last read (WAL), which made this read-back cost more than the lease itself.
            (outcome, item) = await _database.SqliteWrites.RunAsync(c =>
            {
                var leased = SqlRunner.Synchronously(WorkRules.LeaseNextAsync(SqlRunner.On(c), _database.DistributionSettings, projectId, user, lease, now, default, after));
                return (leased, leased.ItemId is { } id ? SqliteReads.Item(c, projectId, id) : null);
            }, ct);
        }
        else
        {
            await using (var session = await _database.WriteAsync(ct))
            {
                outcome = await WorkRules.LeaseNextAsync(SqlRunner.On(session), _database.DistributionSettings, projectId, user, lease, now, ct, after);
                await session.CommitAsync(ct);
            }
            item = null;
            if (outcome.ItemId is { } id)
            {
                await using var read = await _database.ReadAsync(ct);
                item = await GetAsync(read, projectId, id, ct);
            }
        }
        // Thrown only now, so the exam result that decided it is committed.
        if (outcome.Refusal is not null) throw outcome.Refusal;
        if (item is null) return null;
        // What the person sees must not tell a gold or shared item apart: no one else's answers, a plain open status.
        return item with
        {
            Status = ItemStatus.New,
            LeaseUser = user,
            LeaseUntil = UnixTime.ToDate(outcome.Until),
            Annotations = item.Annotations.Where(a => a.CreatedBy == user).ToList(),
        };
    }

    private static async Task<ItemDetail?> GetAsync(DbSession session, long projectId, long itemId, CancellationToken ct)
    {
        ItemDetail? item;
        await using (var command = session.Command(SqliteReads.ItemDetailSql, ("@id", itemId), ("@p", projectId)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            item = ReadDetail(reader);
        }
        var annotations = await RowReaders.ListAsync(session, SqliteReads.CurrentAnnotationsSql, RowReaders.Annotation, ct, ("@id", itemId));
        var predictions = await RowReaders.ListAsync(session, SqliteReads.PredictionsSql, RowReaders.Prediction, ct, ("@id", itemId));
        return item with { Annotations = annotations, Predictions = predictions };
    }

    internal static ItemDetail ReadDetail(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), JsonText.Read(r.GetString(2)), r.GetString(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : UnixTime.ToDate(r.GetInt64(6)), UnixTime.ToDate(r.GetInt64(7)), [], []);
}
