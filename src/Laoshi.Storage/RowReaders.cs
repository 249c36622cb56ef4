using System.Data.Common;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>Column lists and readers shared by the stores that return annotations and predictions.</summary>
internal static class RowReaders
{
    public const string AnnotationColumns = "a.id, a.item_id, a.version, a.result, a.lead_time, a.created_by, a.created_at, a.is_current";
    public const string PredictionColumns = "pr.id, pr.item_id, pr.model_version, pr.score, pr.result, pr.created_at";

    public static AnnotationRecord Annotation(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), RegionJson.Deserialize(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetDouble(4), r.GetString(5), UnixTime.ToDate(r.GetInt64(6)), r.GetBoolean(7));

    public static PredictionRecord Prediction(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3),
        RegionJson.Deserialize(r.GetString(4)), UnixTime.ToDate(r.GetInt64(5)));

    public static async Task<List<T>> ListAsync<T>(DbSession session, string sql, Func<DbDataReader, T> read, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = session.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    public static async Task EnsureProjectAsync(DbSession session, long projectId, CancellationToken ct)
    {
        var found = await session.ScalarAsync<long?>("SELECT id FROM projects WHERE id = @p", ct, ("@p", projectId));
        if (found is null) throw new NotFoundException($"project {projectId}");
    }
}
