using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Storing an annotation on SQLite, run on the write queue's connection: the same steps as the PostgreSQL path in
/// <see cref="AnnotationStore"/> (new version, previous one no longer current, the person's copy done, item status by overlap, count, labels,
/// lease released), on prepared statements.
/// </summary>
internal static class SqliteSubmitting
{
    public static SubmitResult Submit(PreparedConnection connection, DistributionSettingsCache settings, long projectId, long itemId, string resultJson, double? leadTime, string user, long now)
    {
        // One statement checks that the item is in the project and finds the person's latest version of their answer.
        long? latest;
        using (var reader = connection.Command(
            "SELECT (SELECT MAX(version) FROM annotations a WHERE a.item_id = i.id AND a.created_by = @u) FROM items i WHERE i.id = @i AND i.project_id = @p",
            ("@u", user), ("@i", itemId), ("@p", projectId)).ExecuteReader())
        {
            if (!reader.Read()) throw new NotFoundException($"item {itemId} in project {projectId}");
            latest = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        }
        var version = (int)(latest ?? 0) + 1;
        // A first answer has no earlier version to retire.
        if (latest is not null)
            connection.Execute("UPDATE annotations SET is_current = FALSE WHERE item_id = @i AND created_by = @u AND is_current", ("@i", itemId), ("@u", user));
        var id = connection.Int64(
            "INSERT INTO annotations (project_id, item_id, version, result, lead_time, created_by, created_at, is_current) " +
            "VALUES (@p, @i, @v, @r, @lead, @u, @now, TRUE) RETURNING id",
            ("@p", projectId), ("@i", itemId), ("@v", version), ("@r", resultJson), ("@lead", leadTime), ("@u", user), ("@now", now))!.Value;

        var rules = SqlRunner.On(connection);
        if (SqlRunner.Synchronously(WorkRules.RecordAnswerAsync(rules, projectId, itemId, user, now, default))) return new SubmitResult(id, version);
        var overlap = SqlRunner.Synchronously(WorkRules.SettingsAsync(rules, projectId, settings, default)).Overlap;

        var current = new List<IReadOnlyList<Laoshi.Core.Regions.Region>>();
        using (var reader = connection.Command("SELECT result FROM annotations WHERE item_id = @i AND is_current", ("@i", itemId)).ExecuteReader())
        {
            while (reader.Read()) current.Add(RegionJson.Deserialize(reader.GetString(0)));
        }
        connection.Execute(AnnotationStore.RefreshItemSql,
            ("@c", current.Count), ("@s", current.Count >= overlap ? ItemStatus.Annotated : ItemStatus.New), ("@u", user), ("@i", itemId));
        connection.Execute("DELETE FROM item_labels WHERE item_id = @i", ("@i", itemId));
        foreach (var (label, count) in LabelCounts.Of(current))
            connection.Execute("INSERT INTO item_labels (project_id, item_id, label, count) VALUES (@p, @i, @l, @c)",
                ("@p", projectId), ("@i", itemId), ("@l", label), ("@c", count));
        return new SubmitResult(id, version);
    }
}
