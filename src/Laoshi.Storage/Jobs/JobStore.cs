using System.Data.Common;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// The job queue, kept in the project's database so every server process sharing the database sees the same jobs.
/// A process claims a queued job in one statement (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: under its single
/// writer), holds it with a lease that its heartbeats renew, and finishes it only while it still holds it, so one
/// job never runs in two places at once. A job whose lease runs out belonged to a process that died:
/// <see cref="RecoverExpiredAsync"/> queues it again, or fails it once its attempts are used up.
/// </summary>
public sealed class JobStore
{
    /// <summary>More log lines than this in one job are dropped (with one line saying so): a runaway handler cannot fill the disk.</summary>
    public const int MaxLogLines = 10_000;
    private const int MaxLineLength = 4_000;
    private const int MaxMessageLength = 500;
    private const int MaxErrorLength = 8_000;

    private const string Columns =
        "j.id, j.project_id, p.name, j.kind, j.parameters, j.created_by, j.state, j.attempts, j.max_attempts, j.owner, j.lease_until, " +
        "j.cancel_requested, j.progress, j.message, j.result, j.error, j.created_at, j.started_at, j.heartbeat_at, j.finished_at";
    private const string From = "FROM jobs j LEFT JOIN projects p ON p.id = j.project_id";

    private readonly StoreDatabase _database;

    internal JobStore(StoreDatabase database) => _database = database;

    /// <summary>Queues a job; it runs when a server process with a handler for <paramref name="kind"/> claims it.</summary>
    public async Task<JobRecord> EnqueueAsync(long? projectId, string kind, JsonObject parameters, string createdBy, int maxAttempts, CancellationToken ct = default)
    {
        CheckKind(kind);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrEmpty(createdBy);
        if (maxAttempts < 1) throw new BadInputException($"max_attempts must be at least 1, not {maxAttempts}", field: "max_attempts");

        await using var session = await _database.WriteAsync(ct);
        if (projectId is { } project) await RowReaders.EnsureProjectAsync(session, project, ct);
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO jobs (project_id, kind, parameters, created_by, state, attempts, max_attempts, cancel_requested, progress, created_at) " +
            "VALUES (@p, @k, @params, @by, @state, 0, @max, FALSE, 0, @now) RETURNING id", ct,
            ("@p", projectId), ("@k", kind), ("@params", parameters.ToJsonString(RegionJson.Options)), ("@by", createdBy),
            ("@state", JobStates.Queued), ("@max", maxAttempts), ("@now", UnixTime.Now())))!.Value;
        var job = await ReadAsync(session, id, ct);
        await session.CommitAsync(ct);
        return job;
    }

    public async Task<JobRecord> GetAsync(long id, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await ReadAsync(session, id, ct);
    }

    /// <summary>One page of jobs matching the query, newest first.</summary>
    public async Task<Page<JobRecord>> ListAsync(JobQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Cursor.CheckLimit(query.Limit);
        if (query.State is not null && !JobStates.IsKnown(query.State))
            throw new BadInputException($"state '{query.State}' is not one of {string.Join(", ", JobStates.All)}", field: "state");
        // The cursor holds the last id shown; the next page continues below it.
        var before = Cursor.Decode(query.Cursor);
        var conditions = new SqlConditions()
            .Parameter("@take", query.Limit + 1)
            .AddIf("j.id < @before", "@before", before == 0 ? null : before)
            .AddIf("j.project_id = @p", "@p", query.ProjectId)
            .AddIf("j.state = @state", "@state", query.State)
            .AddIf("j.kind = @kind", "@kind", string.IsNullOrEmpty(query.Kind) ? null : query.Kind)
            .AddIf("j.created_by = @by", "@by", string.IsNullOrEmpty(query.CreatedBy) ? null : query.CreatedBy);

        await using var session = await _database.ReadAsync(ct);
        var rows = await RowReaders.ListAsync(session, $"SELECT {Columns} {From} {conditions.Where} ORDER BY j.id DESC LIMIT @take", Read, ct,
            conditions.Parameters);
        return ProjectStore.PageOf(rows, query.Limit, j => j.Id);
    }

    /// <summary>The job's log lines after the cursor, oldest first.</summary>
    public async Task<Page<JobLogLine>> LogAsync(long id, int limit = 1000, string? cursor = null, CancellationToken ct = default)
    {
        Cursor.CheckLimit(limit, 10_000);
        var after = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await EnsureJobAsync(session, id, ct);
        var rows = await RowReaders.ListAsync(session,
            "SELECT id, attempt, at, line FROM job_logs WHERE job_id = @j AND id > @after ORDER BY id LIMIT @take",
            r => new JobLogLine(r.GetInt64(0), r.GetInt32(1), UnixTime.ToDate(r.GetInt64(2)), r.GetString(3)), ct,
            ("@j", id), ("@after", after), ("@take", limit + 1));
        return ProjectStore.PageOf(rows, limit, l => l.Id);
    }

    /// <summary>
    /// Cancels a job: a queued one at once; a running one is asked to stop (its process sees the request on its next
    /// heartbeat and the job ends as cancelled). A finished job cannot be cancelled (409).
    /// </summary>
    public async Task<JobRecord> CancelAsync(long id, string by, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var job = await ReadAsync(session, id, ct);
        var now = UnixTime.Now();
        switch (job.State)
        {
            case JobStates.Queued:
                await session.ExecuteAsync("UPDATE jobs SET state = @s, finished_at = @now WHERE id = @id", ct,
                    ("@s", JobStates.Cancelled), ("@now", now), ("@id", id));
                await AppendAsync(session, id, job.Attempts, $"cancelled by {by} before it ran", now, ct);
                break;
            case JobStates.Running when !job.CancelRequested:
                await session.ExecuteAsync("UPDATE jobs SET cancel_requested = TRUE WHERE id = @id", ct, ("@id", id));
                await AppendAsync(session, id, job.Attempts, $"cancel requested by {by}", now, ct);
                break;
            case JobStates.Running:
                break;
            default:
                throw new ConflictException($"job {id} has already finished ({job.State}); only a queued or running job can be cancelled");
        }
        job = await ReadAsync(session, id, ct);
        await session.CommitAsync(ct);
        return job;
    }

    /// <summary>
    /// Runs a failed or cancelled job again, as the same job: its log continues, its attempts keep counting, and it
    /// gets <paramref name="moreAttempts"/> more runs before a crash fails it. Any other state is a 409.
    /// </summary>
    public async Task<JobRecord> RetryAsync(long id, string by, int moreAttempts, CancellationToken ct = default)
    {
        if (moreAttempts < 1) throw new BadInputException($"a retry needs at least one attempt, not {moreAttempts}", field: "max_attempts");
        await using var session = await _database.WriteAsync(ct);
        var job = await ReadAsync(session, id, ct);
        if (job.State is not (JobStates.Failed or JobStates.Cancelled))
            throw new ConflictException($"job {id} is {job.State}; only a failed or cancelled job can be retried");
        await session.ExecuteAsync(
            "UPDATE jobs SET state = @s, max_attempts = attempts + @more, cancel_requested = FALSE, progress = 0, message = NULL, " +
            "result = NULL, error = NULL, owner = NULL, lease_until = NULL, finished_at = NULL WHERE id = @id", ct,
            ("@s", JobStates.Queued), ("@more", moreAttempts), ("@id", id));
        await AppendAsync(session, id, job.Attempts, $"retried by {by}", UnixTime.Now(), ct);
        job = await ReadAsync(session, id, ct);
        await session.CommitAsync(ct);
        return job;
    }

    /// <summary>True when a job of one of these kinds waits in the queue (a read: idle workers poll with it, not with writes).</summary>
    public async Task<bool> HasQueuedAsync(IReadOnlyCollection<string> kinds, CancellationToken ct = default)
    {
        if (kinds.Count == 0) return false;
        var (list, parameters) = KindList(kinds);
        await using var session = await _database.ReadAsync(ct);
        return await session.ScalarAsync<long?>($"SELECT 1 FROM jobs WHERE state = '{JobStates.Queued}' AND kind IN ({list}) LIMIT 1", ct, parameters) is not null;
    }

    /// <summary>
    /// Takes the oldest queued job of these kinds for <paramref name="owner"/>, leased until now + <paramref name="lease"/>,
    /// and counts the attempt; null when none waits. Two processes never get the same job.
    /// </summary>
    public async Task<JobRecord?> ClaimAsync(IReadOnlyCollection<string> kinds, string owner, TimeSpan lease, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (kinds.Count == 0) return null;
        var (list, kindParameters) = KindList(kinds);
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        // PostgreSQL: SKIP LOCKED lets concurrent claimers pass a row another transaction is taking; the state check in the
        // outer WHERE is re-read after any wait. SQLite: the write transaction already excludes every other writer.
        var skipLocked = session.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";
        var id = await session.ScalarAsync<long?>(
            "UPDATE jobs SET state = @running, owner = @o, lease_until = @until, attempts = attempts + 1, started_at = @now, heartbeat_at = @now, " +
            "progress = 0, message = NULL " +
            $"WHERE id = (SELECT id FROM jobs WHERE state = @queued AND kind IN ({list}) ORDER BY id LIMIT 1{skipLocked}) AND state = @queued RETURNING id", ct,
            [("@running", JobStates.Running), ("@queued", JobStates.Queued), ("@o", owner), ("@until", now + (long)lease.TotalMilliseconds),
             ("@now", now), .. kindParameters]);
        if (id is null) return null;
        var job = await ReadAsync(session, id.Value, ct);
        await AppendAsync(session, job.Id, job.Attempts, $"attempt {job.Attempts} of {job.MaxAttempts} started on {owner}", now, ct);
        await session.CommitAsync(ct);
        return job;
    }

    /// <summary>
    /// Renews the lease of a job this owner runs and stores its progress. StillOwned false: the lease was lost (the job
    /// was recovered by another process), so the caller must stop and must not finish it.
    /// </summary>
    public async Task<JobHeartbeat> HeartbeatAsync(long id, string owner, TimeSpan lease, double progress, string? message, CancellationToken ct = default)
    {
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        var cancel = await session.ScalarAsync<bool?>(
            "UPDATE jobs SET lease_until = @until, heartbeat_at = @now, progress = @progress, message = @m " +
            "WHERE id = @id AND owner = @o AND state = @running RETURNING cancel_requested", ct,
            ("@until", now + (long)lease.TotalMilliseconds), ("@now", now), ("@progress", Math.Clamp(progress, 0, 1)),
            ("@m", Clip(message, MaxMessageLength)), ("@id", id), ("@o", owner), ("@running", JobStates.Running));
        await session.CommitAsync(ct);
        return new JobHeartbeat(cancel is not null, cancel ?? false);
    }

    /// <summary>Appends lines to the job's log (clipped to 4,000 characters each; at most <see cref="MaxLogLines"/> per job).</summary>
    public async Task AppendLogAsync(long id, int attempt, IReadOnlyList<string> lines, CancellationToken ct = default)
    {
        if (lines.Count == 0) return;
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        var count = await session.ScalarAsync<long?>("SELECT COUNT(*) FROM job_logs WHERE job_id = @j", ct, ("@j", id)) ?? 0;
        foreach (var line in lines)
        {
            if (count > MaxLogLines) break;
            await AppendAsync(session, id, attempt, count == MaxLogLines ? $"(the log holds at most {MaxLogLines} lines; later lines are dropped)" : line, now, ct);
            count++;
        }
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// Ends a run this owner holds as succeeded (with its result), failed (with the error) or cancelled. False when the
    /// owner no longer holds the job: its lease ran out and another process took it over, so this run's outcome is void.
    /// </summary>
    public async Task<bool> FinishAsync(long id, string owner, string state, JsonNode? result, string? error, CancellationToken ct = default)
    {
        if (state is not (JobStates.Succeeded or JobStates.Failed or JobStates.Cancelled))
            throw new ArgumentException($"'{state}' is not a finished state", nameof(state));
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        var attempt = await session.ScalarAsync<int?>(
            "UPDATE jobs SET state = @s, result = @r, error = @e, progress = CASE WHEN @s = 'succeeded' THEN 1 ELSE progress END, " +
            "finished_at = @now, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @o AND state = @running RETURNING attempts", ct,
            ("@s", state), ("@r", result?.ToJsonString(RegionJson.Options)), ("@e", Clip(error, MaxErrorLength)), ("@now", now),
            ("@id", id), ("@o", owner), ("@running", JobStates.Running));
        if (attempt is null) return false;
        await AppendAsync(session, id, attempt.Value, state switch
        {
            JobStates.Succeeded => "succeeded",
            JobStates.Cancelled => "cancelled",
            _ => $"failed: {Clip(error, MaxLineLength - 8)}",
        }, now, ct);
        await session.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Gives a job back to the queue without counting the run: the process is shutting down in good order, so the
    /// job did not fail; another process (or this one after its restart) runs it again.
    /// </summary>
    public async Task<bool> ReleaseAsync(long id, string owner, CancellationToken ct = default)
    {
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        var attempt = await session.ScalarAsync<int?>(
            "UPDATE jobs SET state = @queued, attempts = attempts - 1, owner = NULL, lease_until = NULL " +
            "WHERE id = @id AND owner = @o AND state = @running RETURNING attempts", ct,
            ("@queued", JobStates.Queued), ("@id", id), ("@o", owner), ("@running", JobStates.Running));
        if (attempt is null) return false;
        await AppendAsync(session, id, attempt.Value + 1, $"{owner} is shutting down; the job is queued to run again", now, ct);
        await session.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Deals with running jobs whose lease ran out (their process died or hung): queued again while attempts remain,
    /// cancelled if a cancel was asked for, otherwise failed. Returns the jobs it changed, as they are now.
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> RecoverExpiredAsync(CancellationToken ct = default)
    {
        var now = UnixTime.Now();
        // A read first: this runs on every idle poll of every process, and on SQLite a write would take the one write lock.
        await using (var read = await _database.ReadAsync(ct))
        {
            if (await read.ScalarAsync<long?>("SELECT 1 FROM jobs WHERE state = @running AND lease_until < @now LIMIT 1", ct,
                    ("@running", JobStates.Running), ("@now", now)) is null)
                return [];
        }

        await using var session = await _database.WriteAsync(ct);
        var expired = await RowReaders.ListAsync(session,
            "SELECT id, attempts, max_attempts, cancel_requested, owner FROM jobs WHERE state = @running AND lease_until < @now ORDER BY id", r =>
                (Id: r.GetInt64(0), Attempts: r.GetInt32(1), MaxAttempts: r.GetInt32(2), Cancel: r.GetBoolean(3), Owner: r.IsDBNull(4) ? "?" : r.GetString(4)),
            ct, ("@running", JobStates.Running), ("@now", now));
        var changed = new List<long>();
        foreach (var job in expired)
        {
            var (state, error, line) = job.Cancel
                ? (JobStates.Cancelled, (string?)null, $"{job.Owner} stopped answering while the job was being cancelled; cancelled")
                : job.Attempts < job.MaxAttempts
                    ? (JobStates.Queued, null, $"{job.Owner} stopped answering during attempt {job.Attempts} of {job.MaxAttempts}; queued to run again")
                    : (JobStates.Failed, $"the server running it ({job.Owner}) stopped answering during attempt {job.Attempts} of {job.MaxAttempts}, the last one",
                        $"{job.Owner} stopped answering during attempt {job.Attempts} of {job.MaxAttempts}, the last; failed");
            // The lease is checked again: on PostgreSQL another process may have recovered the job (or its owner renewed it) meanwhile.
            var updated = await session.ExecuteAsync(
                "UPDATE jobs SET state = @s, error = @e, owner = NULL, lease_until = NULL, finished_at = @finished " +
                "WHERE id = @id AND state = @running AND lease_until < @now", ct,
                ("@s", state), ("@e", error), ("@finished", state == JobStates.Queued ? null : now), ("@id", job.Id),
                ("@running", JobStates.Running), ("@now", now));
            if (updated == 0) continue;
            await AppendAsync(session, job.Id, job.Attempts, line, now, ct);
            changed.Add(job.Id);
        }
        var jobs = new List<JobRecord>(changed.Count);
        foreach (var id in changed) jobs.Add(await ReadAsync(session, id, ct));
        await session.CommitAsync(ct);
        return jobs;
    }

    private static async Task AppendAsync(DbSession session, long id, int attempt, string line, long now, CancellationToken ct) =>
        await session.ExecuteAsync("INSERT INTO job_logs (job_id, attempt, at, line) VALUES (@j, @a, @at, @l)", ct,
            ("@j", id), ("@a", attempt), ("@at", now), ("@l", Clip(line, MaxLineLength) ?? ""));

    private static async Task<JobRecord> ReadAsync(DbSession session, long id, CancellationToken ct) =>
        (await RowReaders.ListAsync(session, $"SELECT {Columns} {From} WHERE j.id = @id", Read, ct, ("@id", id))).FirstOrDefault()
        ?? throw new NotFoundException($"job {id}");

    private static async Task EnsureJobAsync(DbSession session, long id, CancellationToken ct)
    {
        if (await session.ScalarAsync<long?>("SELECT id FROM jobs WHERE id = @id", ct, ("@id", id)) is null) throw new NotFoundException($"job {id}");
    }

    private static JobRecord Read(DbDataReader r) => new(
        r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
        JsonText.Read(r.GetString(4)), r.GetString(5), r.GetString(6), r.GetInt32(7), r.GetInt32(8),
        r.IsDBNull(9) ? null : r.GetString(9), Date(r, 10), r.GetBoolean(11), r.GetDouble(12), r.IsDBNull(13) ? null : r.GetString(13),
        r.IsDBNull(14) ? null : JsonNode.Parse(r.GetString(14)), r.IsDBNull(15) ? null : r.GetString(15),
        UnixTime.ToDate(r.GetInt64(16)), Date(r, 17), Date(r, 18), Date(r, 19));

    private static DateTimeOffset? Date(DbDataReader r, int column) => r.IsDBNull(column) ? null : UnixTime.ToDate(r.GetInt64(column));

    private static (string List, (string Name, object? Value)[] Parameters) KindList(IReadOnlyCollection<string> kinds)
    {
        var parameters = kinds.Select((kind, i) => ($"@k{i}", (object?)kind)).ToArray();
        return (string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }

    /// <summary>A kind is a short lower-case word ("evaluation", "clean", "train-text"), so it reads the same in URLs, logs and code.</summary>
    private static void CheckKind(string kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > 100 || !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            throw new BadInputException($"job kind '{kind}' must be 1 to 100 lower-case letters, digits, '-', '_' or '.'", field: "kind");
    }

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
