using System.Data.Common;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage.Runs;

/// <summary>
/// Training runs of each project: started as "running", then finished with their metrics or failed with the reason.
/// Listed newest first by cursor.
/// </summary>
public sealed class RunStore
{
    private const string ListColumns =
        "r.id, r.project_id, r.trainer, r.task, r.parameters, r.snapshot_id, s.name, s.version, r.seed, r.test_share, r.search, " +
        "NULL, r.metrics, NULL, r.duration_ms, r.status, r.error, r.model_name, r.model_version, r.compared_with, r.job_id, r.created_by, " +
        "r.created_at, r.finished_at";
    private static readonly string FullColumns = ListColumns.Replace("r.search, NULL, r.metrics, NULL,", "r.search, r.trials, r.metrics, r.curve,", StringComparison.Ordinal);
    private readonly StoreDatabase _database;

    internal RunStore(StoreDatabase database) => _database = database;

    /// <summary>
    /// Records a run as running. When the job already has a run (the job started again after a crash), that run is
    /// set running again and returned instead of a second one.
    /// </summary>
    public async Task<RunInfo> StartAsync(long projectId, NewRun run, CancellationToken ct = default)
    {
        long id;
        await using (var session = await _database.WriteAsync(ct))
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            var snapshot = await session.ScalarAsync<long?>("SELECT id FROM snapshots WHERE id = @s AND project_id = @p", ct, ("@s", run.SnapshotId), ("@p", projectId));
            if (snapshot is null) throw new NotFoundException($"snapshot id {run.SnapshotId}");
            var existing = run.JobId is null ? null
                : await session.ScalarAsync<long?>("SELECT id FROM training_runs WHERE project_id = @p AND job_id = @j", ct, ("@p", projectId), ("@j", run.JobId));
            if (existing is { } again)
            {
                id = again;
                await session.ExecuteAsync("UPDATE training_runs SET status = @st, error = NULL, finished_at = NULL WHERE id = @id", ct,
                    ("@st", RunStatuses.Running), ("@id", id));
            }
            else
            {
                id = (await session.ScalarAsync<long?>(
                    "INSERT INTO training_runs (project_id, trainer, task, parameters, snapshot_id, seed, test_share, search, metrics, duration_ms, status, " +
                    "job_id, created_by, created_at) VALUES (@p, @t, @task, @params, @s, @seed, @share, @search, '{}', 0, @st, @j, @by, @now) RETURNING id", ct,
                    ("@p", projectId), ("@t", run.Trainer), ("@task", run.Task), ("@params", run.Parameters.ToJsonString()), ("@s", run.SnapshotId),
                    ("@seed", run.Seed), ("@share", run.TestShare), ("@search", run.Search?.ToJsonString()), ("@st", RunStatuses.Running),
                    ("@j", run.JobId), ("@by", run.CreatedBy), ("@now", UnixTime.Now())))!.Value;
            }
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, id, ct);
    }

    /// <summary>Stores a run's outcome as succeeded, and links it to the previous finished run on the same snapshot version.</summary>
    public async Task<RunInfo> FinishAsync(long projectId, long runId, RunOutcome outcome, CancellationToken ct = default)
    {
        await using (var session = await _database.WriteAsync(ct))
        {
            var snapshotId = await session.ScalarAsync<long?>("SELECT snapshot_id FROM training_runs WHERE project_id = @p AND id = @r", ct, ("@p", projectId), ("@r", runId))
                ?? throw new NotFoundException($"run {runId}");
            var previous = await session.ScalarAsync<long?>(
                "SELECT MAX(id) FROM training_runs WHERE project_id = @p AND snapshot_id = @s AND status = @ok AND id < @r", ct,
                ("@p", projectId), ("@s", snapshotId), ("@ok", RunStatuses.Succeeded), ("@r", runId));
            await session.ExecuteAsync(
                "UPDATE training_runs SET status = @st, error = NULL, parameters = @params, metrics = @m, search = @search, trials = @trials, curve = @curve, " +
                "duration_ms = @d, model_name = @mn, model_version = @mv, compared_with = @cw, finished_at = @now WHERE id = @r", ct,
                ("@st", RunStatuses.Succeeded), ("@params", outcome.Parameters.ToJsonString()), ("@m", outcome.Metrics.ToJsonString()),
                ("@search", outcome.Search?.ToJsonString()), ("@trials", outcome.Trials?.ToJsonString()), ("@curve", outcome.Curve?.ToJsonString()),
                ("@d", outcome.DurationMs), ("@mn", outcome.ModelName), ("@mv", outcome.ModelVersion), ("@cw", previous), ("@now", UnixTime.Now()), ("@r", runId));
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, runId, ct);
    }

    /// <summary>Marks a run failed or cancelled, with the reason.</summary>
    public async Task<RunInfo> FailAsync(long projectId, long runId, string status, string error, double durationMs, CancellationToken ct = default)
    {
        if (status is not (RunStatuses.Failed or RunStatuses.Cancelled)) throw new ArgumentOutOfRangeException(nameof(status), status, "a run fails or is cancelled");
        await using (var session = await _database.WriteAsync(ct))
        {
            var changed = await session.ExecuteAsync(
                "UPDATE training_runs SET status = @st, error = @e, duration_ms = @d, finished_at = @now WHERE project_id = @p AND id = @r", ct,
                ("@st", status), ("@e", error), ("@d", durationMs), ("@now", UnixTime.Now()), ("@p", projectId), ("@r", runId));
            if (changed == 0) throw new NotFoundException($"run {runId}");
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, runId, ct);
    }

    /// <summary>The project's runs, newest first, without their trial tables and curves.</summary>
    public async Task<Page<RunInfo>> ListAsync(long projectId, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var before = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var conditions = new SqlConditions()
            .Add("r.project_id = @p").Parameter("@p", projectId).Parameter("@take", limit + 1)
            .AddIf("r.id < @before", "@before", before > 0 ? before : null);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {ListColumns} FROM training_runs r JOIN snapshots s ON s.id = r.snapshot_id {conditions.Where} ORDER BY r.id DESC LIMIT @take",
            Read, ct, conditions.Parameters);
        return new Page<RunInfo>(rows.Take(limit).ToList(), rows.Count > limit ? Cursor.Encode(rows[limit - 1].Id) : null);
    }

    /// <summary>One run with its trial table and learning curve.</summary>
    public async Task<RunInfo> GetAsync(long projectId, long runId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {FullColumns} FROM training_runs r JOIN snapshots s ON s.id = r.snapshot_id WHERE r.project_id = @p AND r.id = @r",
            Read, ct, ("@p", projectId), ("@r", runId));
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"run {runId}");
    }

    private static RunInfo Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Object(r.GetString(4)), r.GetInt64(5), r.GetString(6), r.GetInt32(7),
        r.GetInt32(8), r.GetDouble(9), r.IsDBNull(10) ? null : Object(r.GetString(10)), r.IsDBNull(11) ? null : Array(r.GetString(11)),
        Object(r.GetString(12)), r.IsDBNull(13) ? null : Array(r.GetString(13)), r.GetDouble(14), r.GetString(15),
        r.IsDBNull(16) ? null : r.GetString(16), r.IsDBNull(17) ? null : r.GetString(17), r.IsDBNull(18) ? null : r.GetInt32(18),
        r.IsDBNull(19) ? null : r.GetInt64(19), r.IsDBNull(20) ? null : r.GetInt64(20), r.GetString(21), UnixTime.ToDate(r.GetInt64(22)),
        r.IsDBNull(23) ? null : UnixTime.ToDate(r.GetInt64(23)));

    private static JsonObject Object(string text) => JsonNode.Parse(text) as JsonObject ?? [];

    private static JsonArray Array(string text) => JsonNode.Parse(text) as JsonArray ?? [];
}
