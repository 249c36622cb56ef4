using System.Globalization;
using System.Text;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// The priorities an active-learning scoring gave a project's items, which the active-learning orders of /next serve
/// highest first. A scoring replaces the previous one as a whole: items it did not reach lose their old priority.
/// </summary>
public sealed class QueuePriorityStore
{
    private const int Chunk = 500;

    private readonly StoreDatabase _database;

    internal QueuePriorityStore(StoreDatabase database) => _database = database;

    /// <summary>Stores a whole scoring in one transaction: old priorities cleared, these set, the scoring recorded.</summary>
    public async Task<QueueScoring> ReplaceAsync(long projectId, IReadOnlyList<ItemPriority> priorities, string strategy, string model, string user,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(priorities);
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        await session.ExecuteAsync("UPDATE items SET priority = NULL WHERE project_id = @p AND priority IS NOT NULL", ct, ("@p", projectId));
        foreach (var chunk in priorities.Chunk(Chunk))
        {
            // One statement per chunk: CASE id WHEN ... keeps a large scoring to a few hundred round trips.
            var sql = new StringBuilder("UPDATE items SET priority = CASE id");
            var parameters = new List<(string, object?)> { ("@p", projectId) };
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $" WHEN @i{i} THEN @v{i}");
                parameters.Add(($"@i{i}", chunk[i].ItemId));
                parameters.Add(($"@v{i}", double.IsFinite(chunk[i].Priority) ? chunk[i].Priority : 0));
            }
            sql.Append(" END WHERE project_id = @p AND id IN (");
            sql.AppendJoin(", ", Enumerable.Range(0, chunk.Length).Select(i => $"@i{i}"));
            sql.Append(')');
            await session.ExecuteAsync(sql.ToString(), ct, [.. parameters]);
        }
        await session.ExecuteAsync(
            "INSERT INTO queue_scorings (project_id, strategy, model, items, scored_by, scored_at) VALUES (@p, @s, @m, @n, @u, @now) " +
            "ON CONFLICT (project_id) DO UPDATE SET strategy = excluded.strategy, model = excluded.model, items = excluded.items, " +
            "scored_by = excluded.scored_by, scored_at = excluded.scored_at", ct,
            ("@p", projectId), ("@s", strategy), ("@m", model), ("@n", (long)priorities.Count), ("@u", user), ("@now", now));
        await session.CommitAsync(ct);
        return new QueueScoring(strategy, model, priorities.Count, user, UnixTime.ToDate(now));
    }

    /// <summary>The project's latest scoring, or null when its queue was never scored.</summary>
    public async Task<QueueScoring?> LastScoringAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var rows = await RowReaders.ListAsync(session,
            "SELECT strategy, model, items, scored_by, scored_at FROM queue_scorings WHERE project_id = @p",
            r => new QueueScoring(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), UnixTime.ToDate(r.GetInt64(4))), ct, ("@p", projectId));
        return rows.FirstOrDefault();
    }

    /// <summary>The priority stored for each of these items (absent when none).</summary>
    public async Task<IReadOnlyDictionary<long, double>> GetAsync(long projectId, IReadOnlyList<long> itemIds, CancellationToken ct = default)
    {
        var result = new Dictionary<long, double>();
        await using var session = await _database.ReadAsync(ct);
        foreach (var chunk in itemIds.Chunk(Chunk))
        {
            var names = chunk.Select((_, i) => $"@i{i}").ToList();
            var rows = await RowReaders.ListAsync(session,
                $"SELECT id, priority FROM items WHERE project_id = @p AND priority IS NOT NULL AND id IN ({string.Join(", ", names)})",
                r => (r.GetInt64(0), r.GetDouble(1)), ct, [("@p", projectId), .. chunk.Select((id, i) => ($"@i{i}", (object?)id))]);
            foreach (var (id, priority) in rows) result[id] = priority;
        }
        return result;
    }
}
