using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

public sealed class AnnotationStore
{
    private readonly StoreDatabase _database;

    internal AnnotationStore(StoreDatabase database) => _database = database;

    /// <summary>
    /// Records a user's answer as a new immutable version; their previous version stops being current. The item's
    /// status, answer count and labels follow, its lease is released, and it is all committed before this returns.
    /// </summary>
    /// <param name="audit">The audit entry of this submit, written in the submit's own transaction (one commit, not two).</param>
    public async Task<SubmitResult> SubmitAsync(long projectId, long itemId, IReadOnlyList<Region> result, double? leadTime, string user, CancellationToken ct = default,
        AuditEntry? audit = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrWhiteSpace(user)) throw new BadInputException("the user is empty", field: "user");
        if (leadTime is < 0 or double.NaN) throw new BadInputException("lead time must be zero or more seconds", field: "lead_time");
        var json = RegionJson.Serialize(result);
        if (!_database.IsPostgres)
        {
            var now = UnixTime.Now();
            return await _database.SqliteWrites.RunAsync(c =>
            {
                var saved = SqliteSubmitting.Submit(c, _database.DistributionSettings, projectId, itemId, json, leadTime, user, now);
                if (audit is not null) AuditStore.Insert(c, audit with { ItemId = audit.ItemId ?? itemId });
                return saved;
            }, ct);
        }

        await using var session = await _database.WriteAsync(ct);
        await LockItemAsync(session, projectId, itemId, ct);
        var version = (await session.ScalarAsync<int?>(
            "SELECT MAX(version) FROM annotations WHERE item_id = @i AND created_by = @u", ct, ("@i", itemId), ("@u", user)) ?? 0) + 1;
        await session.ExecuteAsync("UPDATE annotations SET is_current = FALSE WHERE item_id = @i AND created_by = @u AND is_current", ct,
            ("@i", itemId), ("@u", user));
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO annotations (project_id, item_id, version, result, lead_time, created_by, created_at, is_current) " +
            "VALUES (@p, @i, @v, @r, @lead, @u, @now, TRUE) RETURNING id", ct,
            ("@p", projectId), ("@i", itemId), ("@v", version), ("@r", json), ("@lead", leadTime), ("@u", user), ("@now", UnixTime.Now())))!.Value;
        var rules = SqlRunner.On(session);
        if (!await WorkRules.RecordAnswerAsync(rules, projectId, itemId, user, UnixTime.Now(), ct))
            await RefreshItemAsync(session, projectId, itemId, user, (await WorkRules.SettingsAsync(rules, projectId, _database.DistributionSettings, ct)).Overlap, ct);
        if (audit is not null) await AuditStore.InsertAsync(session, audit with { ItemId = audit.ItemId ?? itemId }, ct);
        await session.CommitAsync(ct);
        return new SubmitResult(id, version);
    }

    /// <summary>Every version of every user's annotation of the item, oldest first.</summary>
    public async Task<IReadOnlyList<AnnotationRecord>> HistoryAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        return await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.item_id = @i ORDER BY a.id", RowReaders.Annotation, ct, ("@i", itemId));
    }

    public async Task<long> AddPredictionAsync(long projectId, long itemId, string modelVersion, double? score, IReadOnlyList<Region> result, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrWhiteSpace(modelVersion)) throw new BadInputException("the model version is empty", field: "model_version");
        await using var session = await _database.WriteAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO predictions (project_id, item_id, model_version, score, result, created_at) VALUES (@p, @i, @m, @s, @r, @now) RETURNING id", ct,
            ("@p", projectId), ("@i", itemId), ("@m", modelVersion), ("@s", score), ("@r", RegionJson.Serialize(result)), ("@now", UnixTime.Now())))!.Value;
        await session.CommitAsync(ct);
        return id;
    }

    /// <summary>Locks the item row so two submits for it take turns (PostgreSQL; SQLite's submits run on the write queue).</summary>
    private static async Task LockItemAsync(DbSession session, long projectId, long itemId, CancellationToken ct)
    {
        var found = await session.ScalarAsync<long?>(
            "SELECT id FROM items WHERE id = @i AND project_id = @p FOR UPDATE", ct, ("@i", itemId), ("@p", projectId));
        if (found is null) throw new NotFoundException($"item {itemId} in project {projectId}");
    }

    private static async Task EnsureItemAsync(DbSession session, long projectId, long itemId, CancellationToken ct)
    {
        var found = await session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId));
        if (found is null) throw new NotFoundException($"item {itemId} in project {projectId}");
    }

    /// <summary>The item's count and status (annotated once `overlap` people answered); the lease shown on the item ends if it was the answerer's.</summary>
    internal const string RefreshItemSql =
        "UPDATE items SET annotation_count = @c, status = CASE WHEN status = '" + Cleaning.DroppedItems.Status + "' THEN status ELSE @s END, lease_user = CASE WHEN lease_user = @u THEN NULL ELSE lease_user END, " +
        "lease_until = CASE WHEN lease_user = @u THEN NULL ELSE lease_until END WHERE id = @i";

    /// <summary>Recomputes what the item derives from its current annotations: status, count, labels; ends the answerer's lease.</summary>
    private static async Task RefreshItemAsync(DbSession session, long projectId, long itemId, string user, int overlap, CancellationToken ct)
    {
        var current = await RowReaders.ListAsync(session, "SELECT result FROM annotations WHERE item_id = @i AND is_current",
            r => RegionJson.Deserialize(r.GetString(0)), ct, ("@i", itemId));
        await session.ExecuteAsync(RefreshItemSql, ct,
            ("@c", current.Count), ("@s", current.Count >= overlap ? ItemStatus.Annotated : ItemStatus.New), ("@u", user), ("@i", itemId));
        await session.ExecuteAsync("DELETE FROM item_labels WHERE item_id = @i", ct, ("@i", itemId));
        foreach (var (label, count) in LabelCounts.Of(current))
            await session.ExecuteAsync("INSERT INTO item_labels (project_id, item_id, label, count) VALUES (@p, @i, @l, @c)", ct,
                ("@p", projectId), ("@i", itemId), ("@l", label), ("@c", count));
    }
}
