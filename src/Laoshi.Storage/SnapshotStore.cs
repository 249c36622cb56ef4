using System.Data.Common;
using Laoshi.Core.Errors;
using Laoshi.Core.Filtering;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Snapshots freeze which items, and which (immutable) annotation versions of them, a dataset holds, so
/// later annotation work never changes what a training run or test read. An item with an agreed answer
/// contributes that answer alone (its agreed-answer version is frozen); any other item its current annotations
/// that were not rejected.
/// </summary>
public sealed class SnapshotStore
{
    private const string Columns = "s.id, s.project_id, s.name, s.version, s.filter, s.created_at, s.item_count";
    private readonly StoreDatabase _database;

    internal SnapshotStore(StoreDatabase database) => _database = database;

    /// <param name="filter">A filter expression choosing the items; null takes every item.</param>
    public async Task<SnapshotInfo> CreateAsync(long projectId, string name, string? filter, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadInputException("the snapshot name is empty", field: "name");
        if (name.Length > 100) throw new BadInputException("the snapshot name is longer than 100 characters", field: "name");
        var parameters = new List<(string Name, object? Value)>();
        var condition = "";
        if (!string.IsNullOrWhiteSpace(filter))
        {
            await using var probe = await _database.ReadAsync(ct);
            condition = " AND " + FilterSql.Translate(FilterParser.Parse(filter), parameters, probe.Like);
        }
        else
        {
            filter = null;
        }

        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var version = (await session.ScalarAsync<int?>("SELECT MAX(version) FROM snapshots WHERE project_id = @p AND name = @n", ct,
            ("@p", projectId), ("@n", name)) ?? 0) + 1;
        var now = UnixTime.Now();
        long id;
        try
        {
            id = (await session.ScalarAsync<long?>(
                "INSERT INTO snapshots (project_id, name, version, filter, created_at, item_count) VALUES (@p, @n, @v, @f, @now, 0) RETURNING id", ct,
                ("@p", projectId), ("@n", name), ("@v", version), ("@f", filter), ("@now", now)))!.Value;
        }
        catch (DbException)
        {
            throw new ConflictException($"snapshot '{name}' version {version} was created at the same time; try again");
        }
        parameters.AddRange([("@s", id), ("@p", projectId)]);
        await session.ExecuteAsync(
            "INSERT INTO snapshot_items (snapshot_id, item_id, annotation_id, agreed_answer_id) " +
            "SELECT @s, i.id, a.id, g.id FROM items i LEFT JOIN agreed_answers g ON g.item_id = i.id AND g.is_current " +
            $"LEFT JOIN annotations a ON a.item_id = i.id AND a.is_current AND g.id IS NULL AND {ReviewStore.NotRejected} " +
            $"WHERE i.project_id = @p AND i.status <> '{Cleaning.DroppedItems.Status}'{condition} ORDER BY i.id, a.id", ct, [.. parameters]);
        var count = await session.ScalarAsync<long>("SELECT COUNT(DISTINCT item_id) FROM snapshot_items WHERE snapshot_id = @s", ct, ("@s", id));
        await session.ExecuteAsync("UPDATE snapshots SET item_count = @c WHERE id = @s", ct, ("@c", count), ("@s", id));
        await session.CommitAsync(ct);
        return new SnapshotInfo(id, projectId, name, version, filter, UnixTime.ToDate(now), count);
    }

    /// <summary>Every snapshot of the project, by name then version.</summary>
    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await RowReaders.ListAsync(session, $"SELECT {Columns} FROM snapshots s WHERE s.project_id = @p ORDER BY s.name, s.version", Read, ct,
            ("@p", projectId));
    }

    /// <param name="version">Null for the newest version of the name.</param>
    public async Task<SnapshotInfo> GetAsync(long projectId, string name, int? version = null, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var found = version is null
            ? await RowReaders.ListAsync(session, $"SELECT {Columns} FROM snapshots s WHERE s.project_id = @p AND s.name = @n ORDER BY s.version DESC LIMIT 1",
                Read, ct, ("@p", projectId), ("@n", name))
            : await RowReaders.ListAsync(session, $"SELECT {Columns} FROM snapshots s WHERE s.project_id = @p AND s.name = @n AND s.version = @v",
                Read, ct, ("@p", projectId), ("@n", name), ("@v", version.Value));
        return found.Count > 0 ? found[0] : throw new NotFoundException(version is null ? $"snapshot '{name}'" : $"snapshot '{name}' version {version}");
    }

    private static SnapshotInfo Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), UnixTime.ToDate(r.GetInt64(5)), r.GetInt64(6));
}
