using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage.Cleaning;

/// <summary>
/// The record of cleaning a project: its passes, the duplicate clusters found, and every change made to an item with
/// what was there before, so that each change can be undone and nothing a change replaced is ever lost.
/// </summary>
public sealed class CleaningStore
{
    private const string RunColumns = "id, project_id, options, report, dry_run, job_id, created_by, created_at, finished_at";
    private const string ClusterColumns = "id, project_id, run_id, kind, similarity, items, status, kept_item_id, resolved_by, resolved_at";
    private const string ChangeColumns = "id, project_id, item_id, run_id, cluster_id, job_id, kind, before_value, after_value, detail, created_by, created_at, undone_by, undone_at";
    private readonly StoreDatabase _database;

    internal CleaningStore(StoreDatabase database) => _database = database;

    public async Task<CleaningRun> StartRunAsync(long projectId, JsonObject options, bool dryRun, string user, long? jobId = null, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var now = UnixTime.Now();
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO cleaning_runs (project_id, options, dry_run, job_id, created_by, created_at) VALUES (@p, @o, @d, @j, @u, @now) RETURNING id", ct,
            ("@p", projectId), ("@o", JsonText.Write(options)), ("@d", dryRun), ("@j", jobId), ("@u", user), ("@now", now)))!.Value;
        await session.CommitAsync(ct);
        return new CleaningRun(id, projectId, options, null, dryRun, jobId, user, UnixTime.ToDate(now), null);
    }

    public async Task FinishRunAsync(long runId, JsonObject report, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        await session.ExecuteAsync("UPDATE cleaning_runs SET report = @r, finished_at = @now WHERE id = @id", ct,
            ("@r", JsonText.Write(report)), ("@now", UnixTime.Now()), ("@id", runId));
        await session.CommitAsync(ct);
    }

    public async Task<CleaningRun> GetRunAsync(long projectId, long runId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var rows = await RowReaders.ListAsync(session, $"SELECT {RunColumns} FROM cleaning_runs WHERE id = @id AND project_id = @p", ReadRun, ct,
            ("@id", runId), ("@p", projectId));
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"cleaning run {runId} in project {projectId}");
    }

    /// <summary>The project's cleaning passes, newest first.</summary>
    public async Task<Page<CleaningRun>> ListRunsAsync(long projectId, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var before = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {RunColumns} FROM cleaning_runs WHERE project_id = @p AND (@b = 0 OR id < @b) ORDER BY id DESC LIMIT @take", ReadRun, ct,
            ("@p", projectId), ("@b", before), ("@take", limit + 1));
        return ProjectStore.PageOf(rows, limit, r => r.Id);
    }

    public async Task<IReadOnlyList<CleaningCluster>> AddClustersAsync(long projectId, long runId, IReadOnlyList<NewCluster> clusters, CancellationToken ct = default)
    {
        var added = new List<CleaningCluster>(clusters.Count);
        if (clusters.Count == 0) return added;
        await using var session = await _database.WriteAsync(ct);
        foreach (var cluster in clusters)
        {
            var id = (await session.ScalarAsync<long?>(
                "INSERT INTO cleaning_clusters (project_id, run_id, kind, similarity, items, status) VALUES (@p, @r, @k, @s, @i, @open) RETURNING id", ct,
                ("@p", projectId), ("@r", runId), ("@k", cluster.Kind), ("@s", cluster.Similarity), ("@i", JsonSerializer.Serialize(cluster.Items)),
                ("@open", ClusterResolutions.Open)))!.Value;
            added.Add(new CleaningCluster(id, projectId, runId, cluster.Kind, cluster.Similarity, cluster.Items, ClusterResolutions.Open, null, null, null));
        }
        await session.CommitAsync(ct);
        return added;
    }

    public async Task<CleaningCluster> GetClusterAsync(long projectId, long clusterId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await FindClusterAsync(session, projectId, clusterId, ct);
    }

    /// <summary>Clusters in id order; by default the open ones.</summary>
    public async Task<Page<CleaningCluster>> ListClustersAsync(long projectId, ClusterQuery query, CancellationToken ct = default)
    {
        var limit = Cursor.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var conditions = new SqlConditions()
            .Add("project_id = @p").Add("id > @after")
            .Parameter("@p", projectId).Parameter("@after", after).Parameter("@take", limit + 1)
            .AddIf("status = @status", "@status", query.Status)
            .AddIf("run_id = @run", "@run", query.RunId)
            .AddIf("kind = @kind", "@kind", query.Kind);
        var rows = await RowReaders.ListAsync(session, $"SELECT {ClusterColumns} FROM cleaning_clusters {conditions.Where} ORDER BY id LIMIT @take",
            ReadCluster, ct, conditions.Parameters);
        return ProjectStore.PageOf(rows, limit, c => c.Id);
    }

    /// <summary>
    /// Applies data changes in one transaction, each only if the item still holds exactly its Before (compared as JSON);
    /// the stored text it replaces is what the log keeps. Returns the changes made (the others were skipped).
    /// </summary>
    public async Task<IReadOnlyList<CleaningChange>> ApplyAsync(long projectId, IReadOnlyList<DataChange> changes, ChangeContext context, CancellationToken ct = default)
    {
        var made = new List<CleaningChange>(changes.Count);
        if (changes.Count == 0) return made;
        await using var session = await _database.WriteAsync(ct);
        var now = UnixTime.Now();
        foreach (var change in changes)
        {
            var stored = await session.ScalarAsync<string>("SELECT data FROM items WHERE id = @i AND project_id = @p", ct,
                ("@i", change.ItemId), ("@p", projectId));
            if (stored is null || !JsonNode.DeepEquals(JsonText.Read(stored), change.Before)) continue;
            var after = JsonText.Write(change.After);
            await session.ExecuteAsync("UPDATE items SET data = @d WHERE id = @i", ct, ("@d", after), ("@i", change.ItemId));
            made.Add(await LogAsync(session, projectId, change.ItemId, change.Kind, stored, after, change.Detail, context, now, ct));
        }
        await session.CommitAsync(ct);
        return made;
    }

    /// <summary>Sets items aside (status <see cref="DroppedItems.Status"/>); items already dropped or not in the project are skipped.</summary>
    public async Task<IReadOnlyList<CleaningChange>> DropAsync(long projectId, IReadOnlyList<ItemDrop> drops, ChangeContext context, CancellationToken ct = default)
    {
        if (drops.Count == 0) return [];
        await using var session = await _database.WriteAsync(ct);
        var made = await DropAsync(session, projectId, drops, context, UnixTime.Now(), ct);
        await session.CommitAsync(ct);
        return made;
    }

    /// <summary>
    /// Resolves an open cluster: keep one item (dropping the others), merge (the same, recording the others' ids on the
    /// kept item), drop all, or dismiss. <paramref name="keep"/> defaults to the cluster's first item.
    /// </summary>
    public async Task<CleaningCluster> ResolveClusterAsync(long projectId, long clusterId, string resolution, long? keep, string user, long? jobId = null,
        CancellationToken ct = default)
    {
        if (!ClusterResolutions.IsResolution(resolution))
            throw new BadInputException($"unknown resolution '{resolution}': use keep, merge, drop or dismiss", field: "resolution");
        await using var session = await _database.WriteAsync(ct);
        var resolved = await ResolveAsync(session, projectId, clusterId, resolution, keep, user, jobId, UnixTime.Now(), ct);
        await session.CommitAsync(ct);
        return resolved;
    }

    /// <summary>
    /// Keeps the first item of each of these open clusters and drops the others, all in one transaction: what a pass
    /// does with exact repeats, thousands at a time.
    /// </summary>
    public async Task<IReadOnlyList<CleaningCluster>> KeepFirstAsync(long projectId, IReadOnlyList<long> clusterIds, string user, long? jobId = null,
        CancellationToken ct = default)
    {
        var resolved = new List<CleaningCluster>(clusterIds.Count);
        if (clusterIds.Count == 0) return resolved;
        await using var session = await _database.WriteAsync(ct);
        var now = UnixTime.Now();
        foreach (var id in clusterIds) resolved.Add(await ResolveAsync(session, projectId, id, ClusterResolutions.Keep, null, user, jobId, now, ct));
        await session.CommitAsync(ct);
        return resolved;
    }

    private static async Task<CleaningCluster> ResolveAsync(DbSession session, long projectId, long clusterId, string resolution, long? keep, string user,
        long? jobId, long now, CancellationToken ct)
    {
        var cluster = await FindClusterAsync(session, projectId, clusterId, ct);
        if (cluster.Status != ClusterResolutions.Open)
            throw new ConflictException($"cluster {clusterId} was already resolved ({cluster.Status}); undo its changes to reopen it");
        long? kept = resolution is ClusterResolutions.Keep or ClusterResolutions.Merge ? keep ?? cluster.Items[0] : null;
        if (kept is not null && !cluster.Items.Contains(kept.Value))
            throw new BadInputException($"item {kept} is not in cluster {clusterId}", field: "keep");

        var context = new ChangeContext(user, cluster.RunId, jobId, cluster.Id);
        if (resolution != ClusterResolutions.Dismiss)
        {
            var reason = resolution == ClusterResolutions.Drop ? $"dropped with duplicate cluster {clusterId}" : $"duplicate of item {kept} (cluster {clusterId})";
            var drops = cluster.Items.Where(i => i != kept).Select(i => new ItemDrop(i, reason)).ToList();
            var dropped = await DropAsync(session, projectId, drops, context, now, ct);
            if (resolution == ClusterResolutions.Merge && dropped.Count > 0)
            {
                var stored = await session.ScalarAsync<string>("SELECT data FROM items WHERE id = @i", ct, ("@i", kept!.Value))
                    ?? throw new NotFoundException($"item {kept} in project {projectId}");
                var data = JsonText.Read(stored);
                var merged = data[DroppedItems.MergedKey] as JsonArray ?? [];
                foreach (var change in dropped) merged.Add(change.ItemId);
                data[DroppedItems.MergedKey] = merged.DeepClone();
                var after = JsonText.Write(data);
                await session.ExecuteAsync("UPDATE items SET data = @d WHERE id = @i", ct, ("@d", after), ("@i", kept.Value));
                await LogAsync(session, projectId, kept.Value, CleaningChangeKinds.Merge, stored, after,
                    $"merged items {string.Join(", ", dropped.Select(d => d.ItemId))}", context, now, ct);
            }
        }
        await session.ExecuteAsync("UPDATE cleaning_clusters SET status = @s, kept_item_id = @k, resolved_by = @u, resolved_at = @now WHERE id = @id", ct,
            ("@s", resolution), ("@k", kept), ("@u", user), ("@now", now), ("@id", clusterId));
        return cluster with { Status = resolution, KeptItemId = kept, ResolvedBy = user, ResolvedAt = UnixTime.ToDate(now) };
    }

    /// <summary>
    /// Undoes one change: the item gets back what it held before. Refused (409) when the change was undone already or
    /// the item changed since (undo the later change first). A cluster whose change is undone is open again.
    /// </summary>
    public async Task<CleaningChange> UndoAsync(long projectId, long changeId, string user, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var change = await FindChangeAsync(session, projectId, changeId, ct);
        var undone = await UndoAsync(session, change, user, UnixTime.Now(), ct);
        await session.CommitAsync(ct);
        return undone;
    }

    /// <summary>Undoes every change a run (or, without a run, a cluster's resolution) made that is not undone yet, newest first, in one transaction.</summary>
    public async Task<IReadOnlyList<CleaningChange>> UndoAllAsync(long projectId, long? runId, long? clusterId, string user, CancellationToken ct = default)
    {
        if (runId is null && clusterId is null) throw new BadInputException("name a run or a cluster to undo", field: "run");
        await using var session = await _database.WriteAsync(ct);
        // Only the given filters are in the SQL: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var (column, owner) = runId is not null ? ("run_id", runId.Value) : ("cluster_id", clusterId!.Value);
        var changes = await RowReaders.ListAsync(session,
            $"SELECT {ChangeColumns} FROM cleaning_changes WHERE project_id = @p AND undone_at IS NULL AND {column} = @o ORDER BY id DESC", ReadChange, ct,
            ("@p", projectId), ("@o", owner));
        var now = UnixTime.Now();
        var undone = new List<CleaningChange>(changes.Count);
        foreach (var change in changes) undone.Add(await UndoAsync(session, change, user, now, ct));
        if (clusterId is not null)
            await ReopenClusterAsync(session, clusterId.Value, ct);
        await session.CommitAsync(ct);
        return undone;
    }

    public async Task<CleaningChange> GetChangeAsync(long projectId, long changeId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await FindChangeAsync(session, projectId, changeId, ct);
    }

    /// <summary>Changes in id order (oldest first), filtered by run, item, cluster, kind and whether undone.</summary>
    public async Task<Page<CleaningChange>> ListChangesAsync(long projectId, ChangeQuery query, CancellationToken ct = default)
    {
        var limit = Cursor.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var conditions = new SqlConditions()
            .Add("project_id = @p").Add("id > @after")
            .Parameter("@p", projectId).Parameter("@after", after).Parameter("@take", limit + 1)
            .AddIf("run_id = @run", "@run", query.RunId)
            .AddIf("item_id = @item", "@item", query.ItemId)
            .AddIf("cluster_id = @cluster", "@cluster", query.ClusterId)
            .AddIf("kind = @kind", "@kind", query.Kind);
        if (query.Undone is not null) conditions.Add(query.Undone.Value ? "undone_at IS NOT NULL" : "undone_at IS NULL");
        var rows = await RowReaders.ListAsync(session, $"SELECT {ChangeColumns} FROM cleaning_changes {conditions.Where} ORDER BY id LIMIT @take",
            ReadChange, ct, conditions.Parameters);
        return ProjectStore.PageOf(rows, limit, c => c.Id);
    }

    private static async Task<IReadOnlyList<CleaningChange>> DropAsync(DbSession session, long projectId, IReadOnlyList<ItemDrop> drops, ChangeContext context,
        long now, CancellationToken ct)
    {
        var made = new List<CleaningChange>(drops.Count);
        foreach (var drop in drops)
        {
            var status = await session.ScalarAsync<string>("SELECT status FROM items WHERE id = @i AND project_id = @p", ct, ("@i", drop.ItemId), ("@p", projectId));
            if (status is null or DroppedItems.Status) continue;
            await session.ExecuteAsync("UPDATE items SET status = @s, lease_user = NULL, lease_until = NULL WHERE id = @i", ct,
                ("@s", DroppedItems.Status), ("@i", drop.ItemId));
            made.Add(await LogAsync(session, projectId, drop.ItemId, CleaningChangeKinds.Drop, status, DroppedItems.Status, drop.Reason, context, now, ct));
        }
        return made;
    }

    private static async Task<CleaningChange> UndoAsync(DbSession session, CleaningChange change, string user, long now, CancellationToken ct)
    {
        if (change.Undone) throw new ConflictException($"change {change.Id} was undone already");
        var column = change.Kind == CleaningChangeKinds.Drop ? "status" : "data";
        var current = await session.ScalarAsync<string>($"SELECT {column} FROM items WHERE id = @i", ct, ("@i", change.ItemId));
        if (current != change.After)
            throw new ConflictException($"item {change.ItemId} changed after change {change.Id}; undo the later change first");
        await session.ExecuteAsync($"UPDATE items SET {column} = @v WHERE id = @i", ct, ("@v", change.Before), ("@i", change.ItemId));
        await session.ExecuteAsync("UPDATE cleaning_changes SET undone_by = @u, undone_at = @now WHERE id = @id", ct,
            ("@u", user), ("@now", now), ("@id", change.Id));
        if (change.ClusterId is not null) await ReopenClusterAsync(session, change.ClusterId.Value, ct);
        return change with { UndoneBy = user, UndoneAt = UnixTime.ToDate(now) };
    }

    private static Task ReopenClusterAsync(DbSession session, long clusterId, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE cleaning_clusters SET status = @open, kept_item_id = NULL, resolved_by = NULL, resolved_at = NULL WHERE id = @id", ct,
            ("@open", ClusterResolutions.Open), ("@id", clusterId));

    private static async Task<CleaningChange> LogAsync(DbSession session, long projectId, long itemId, string kind, string before, string after, string? detail,
        ChangeContext context, long now, CancellationToken ct)
    {
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO cleaning_changes (project_id, item_id, run_id, cluster_id, job_id, kind, before_value, after_value, detail, created_by, created_at) " +
            "VALUES (@p, @i, @r, @c, @j, @k, @b, @a, @d, @u, @now) RETURNING id", ct,
            ("@p", projectId), ("@i", itemId), ("@r", context.RunId), ("@c", context.ClusterId), ("@j", context.JobId), ("@k", kind),
            ("@b", before), ("@a", after), ("@d", detail), ("@u", context.User), ("@now", now)))!.Value;
        return new CleaningChange(id, projectId, itemId, context.RunId, context.ClusterId, context.JobId, kind, before, after, detail, context.User,
            UnixTime.ToDate(now), null, null);
    }

    private static async Task<CleaningCluster> FindClusterAsync(DbSession session, long projectId, long clusterId, CancellationToken ct)
    {
        var rows = await RowReaders.ListAsync(session, $"SELECT {ClusterColumns} FROM cleaning_clusters WHERE id = @id AND project_id = @p", ReadCluster, ct,
            ("@id", clusterId), ("@p", projectId));
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"cleaning cluster {clusterId} in project {projectId}");
    }

    private static async Task<CleaningChange> FindChangeAsync(DbSession session, long projectId, long changeId, CancellationToken ct)
    {
        var rows = await RowReaders.ListAsync(session, $"SELECT {ChangeColumns} FROM cleaning_changes WHERE id = @id AND project_id = @p", ReadChange, ct,
            ("@id", changeId), ("@p", projectId));
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"cleaning change {changeId} in project {projectId}");
    }

    private static long? Int64OrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DateTimeOffset? DateOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : UnixTime.ToDate(r.GetInt64(i));

    private static CleaningRun ReadRun(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), JsonText.Read(r.GetString(2)), r.IsDBNull(3) ? null : JsonText.Read(r.GetString(3)), r.GetBoolean(4),
        Int64OrNull(r, 5), r.GetString(6), UnixTime.ToDate(r.GetInt64(7)), DateOrNull(r, 8));

    private static CleaningCluster ReadCluster(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetDouble(4), JsonSerializer.Deserialize<long[]>(r.GetString(5)) ?? [],
        r.GetString(6), Int64OrNull(r, 7), r.IsDBNull(8) ? null : r.GetString(8), DateOrNull(r, 9));

    private static CleaningChange ReadChange(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), Int64OrNull(r, 3), Int64OrNull(r, 4), Int64OrNull(r, 5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetString(10), UnixTime.ToDate(r.GetInt64(11)),
        r.IsDBNull(12) ? null : r.GetString(12), DateOrNull(r, 13));
}
