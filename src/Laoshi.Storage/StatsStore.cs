using Laoshi.Storage.Data;

namespace Laoshi.Storage;

public sealed partial class StatsStore
{
    private readonly StoreDatabase _database;

    internal StatsStore(StoreDatabase database) => _database = database;

    public async Task<ProjectStats> GetAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var byStatus = (await RowReaders.ListAsync(session, "SELECT status, COUNT(*) FROM items WHERE project_id = @p GROUP BY status ORDER BY status",
            r => (Status: r.GetString(0), Count: r.GetInt64(1)), ct, ("@p", projectId))).ToDictionary(s => s.Status, s => s.Count, StringComparer.Ordinal);
        var byLabel = (await RowReaders.ListAsync(session, "SELECT label, SUM(count) FROM item_labels WHERE project_id = @p GROUP BY label ORDER BY label",
            r => (Label: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), ct, ("@p", projectId)))
            .ToDictionary(s => s.Label, s => s.Count, StringComparer.Ordinal);
        var annotations = await session.ScalarAsync<long>("SELECT COUNT(*) FROM annotations WHERE project_id = @p AND is_current", ct, ("@p", projectId));
        var predictions = await session.ScalarAsync<long>("SELECT COUNT(*) FROM predictions WHERE project_id = @p", ct, ("@p", projectId));
        var items = byStatus.Values.Sum();
        var annotated = await session.ScalarAsync<long>("SELECT COUNT(*) FROM items WHERE project_id = @p AND annotation_count > 0", ct, ("@p", projectId));
        return new ProjectStats(items, annotated, annotations, predictions, byStatus, byLabel, items == 0 ? 0 : (double)annotated / items);
    }
}
