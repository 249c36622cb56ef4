using System.Text.Json.Nodes;

namespace Laoshi.Storage;

/// <summary>
/// One job as stored. <see cref="Attempts"/> counts the runs started; a run whose server died is started again while
/// Attempts &lt; <see cref="MaxAttempts"/>. <see cref="Owner"/> and <see cref="LeaseUntil"/> are set while it runs.
/// </summary>
public sealed record JobRecord(
    long Id,
    long? ProjectId,
    string? ProjectName,
    string Kind,
    JsonObject Parameters,
    string CreatedBy,
    string State,
    int Attempts,
    int MaxAttempts,
    string? Owner,
    DateTimeOffset? LeaseUntil,
    bool CancelRequested,
    double Progress,
    string? Message,
    JsonNode? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? FinishedAt);

/// <summary>Which jobs to list (newest first). Every filter is optional.</summary>
public sealed record JobQuery(long? ProjectId = null, string? State = null, string? Kind = null, string? CreatedBy = null, int Limit = 50, string? Cursor = null);

/// <summary>One line of a job's log; <see cref="Attempt"/> says which run wrote it (0: written while no run held the job).</summary>
public sealed record JobLogLine(long Id, int Attempt, DateTimeOffset At, string Line);

/// <summary>What a heartbeat learned: whether this process still holds the job, and whether someone asked to cancel it.</summary>
public sealed record JobHeartbeat(bool StillOwned, bool CancelRequested);
