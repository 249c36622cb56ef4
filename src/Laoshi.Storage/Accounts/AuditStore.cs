using System.Runtime.CompilerServices;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// The audit log: append-only. There is deliberately no way to change or delete an entry through Laoshi.
/// </summary>
public sealed class AuditStore
{
    private const string Columns = "id, at, actor, ip, action, project_id, item_id, target, detail";
    private readonly StoreDatabase _database;

    internal AuditStore(StoreDatabase database) => _database = database;

    public async Task<long> AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action);
        // On SQLite the entry joins the writes' group commit instead of costing a transaction of its own.
        if (!_database.IsPostgres) return await _database.SqliteWrites.RunAsync(c => Insert(c, entry), ct);
        await using var session = await _database.WriteAsync(ct);
        var id = await InsertAsync(session, entry, ct);
        await session.CommitAsync(ct);
        return id;
    }

    private const string InsertSql = "INSERT INTO audit_log (at, actor, ip, action, project_id, item_id, target, detail) " +
        "VALUES (@at, @actor, @ip, @action, @p, @i, @target, @detail) RETURNING id";

    private static (string, object?)[] Parameters(AuditEntry entry) =>
    [
        ("@at", UnixTime.Now()), ("@actor", Clip(entry.Actor, 254)), ("@ip", Clip(entry.Ip, 64)), ("@action", Clip(entry.Action, 100)),
        ("@p", entry.ProjectId), ("@i", entry.ItemId), ("@target", Clip(entry.Target, 500)), ("@detail", entry.Detail),
    ];

    /// <summary>Writes the entry in the caller's SQLite transaction, so it commits (or not) with the change it records.</summary>
    internal static long Insert(PreparedConnection connection, AuditEntry entry) => connection.Int64(InsertSql, Parameters(entry))!.Value;

    /// <summary>Writes the entry in the caller's PostgreSQL transaction, so it commits (or not) with the change it records.</summary>
    internal static async Task<long> InsertAsync(DbSession session, AuditEntry entry, CancellationToken ct) =>
        (await session.ScalarAsync<long?>(InsertSql, ct, Parameters(entry)))!.Value;

    /// <summary>One page of entries matching the query, oldest first.</summary>
    public async Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Cursor.CheckLimit(query.Limit);
        var rows = await ReadAsync(query, Cursor.Decode(query.Cursor), query.Limit + 1, ct);
        return ProjectStore.PageOf(rows, query.Limit, r => r.Id);
    }

    /// <summary>Every entry matching the query, oldest first, read a thousand at a time (flat memory).</summary>
    public async IAsyncEnumerable<AuditRecord> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = Cursor.Decode(query.Cursor);
        while (true)
        {
            var rows = await ReadAsync(query, after, 1000, ct);
            foreach (var row in rows) yield return row;
            if (rows.Count < 1000) yield break;
            after = rows[^1].Id;
        }
    }

    private async Task<List<AuditRecord>> ReadAsync(AuditQuery query, long after, int take, CancellationToken ct)
    {
        var conditions = new List<string> { "id > @after" };
        var parameters = new List<(string Name, object? Value)> { ("@after", after), ("@take", take) };
        void Add(string condition, string name, object? value)
        {
            if (value is null) return;
            conditions.Add(condition);
            parameters.Add((name, value));
        }
        Add("project_id = @p", "@p", query.ProjectId);
        Add("actor = @actor", "@actor", string.IsNullOrEmpty(query.Actor) ? null : query.Actor);
        Add("action = @action", "@action", string.IsNullOrEmpty(query.Action) ? null : query.Action);
        Add("at >= @from", "@from", query.From is { } from ? UnixTime.From(from) : null);
        Add("at < @to", "@to", query.To is { } to ? UnixTime.From(to) : null);

        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            $"SELECT {Columns} FROM audit_log WHERE {string.Join(" AND ", conditions)} ORDER BY id LIMIT @take", [.. parameters]);
        var rows = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditRecord(reader.GetInt64(0), UnixTime.ToDate(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return rows;
    }

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
