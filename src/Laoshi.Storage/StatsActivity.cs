using System.Globalization;

namespace Laoshi.Storage;

public sealed partial class StatsStore
{
    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>Annotations per UTC day and per person. Days are grouped in SQL by integer division of the
    /// unix-millisecond timestamp, which both SQLite and PostgreSQL do the same way.</summary>
    public async Task<ProjectActivity> GetActivityAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var byDay = await RowReaders.ListAsync(session,
            $"SELECT created_at / {MillisecondsPerDay} AS d, COUNT(*) FROM annotations WHERE project_id = @p GROUP BY created_at / {MillisecondsPerDay} ORDER BY d",
            r => new DayActivity(
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture) * MillisecondsPerDay)
                    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.GetInt64(1)),
            ct, ("@p", projectId));
        var byPerson = await RowReaders.ListAsync(session,
            "SELECT created_by, COUNT(*), AVG(lead_time) FROM annotations WHERE project_id = @p GROUP BY created_by ORDER BY COUNT(*) DESC, created_by",
            r => new PersonActivity(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture)),
            ct, ("@p", projectId));
        return new ProjectActivity(byDay, byPerson);
    }
}
