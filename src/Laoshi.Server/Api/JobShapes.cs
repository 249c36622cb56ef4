using System.Text.Json.Nodes;
using Laoshi.Storage;

namespace Laoshi.Server.Api;

/// <summary>A job as the API shows it (snake_case): state, attempts, progress, result or error, and when each step happened.</summary>
public sealed record JobResponse(
    long Id, string? Project, long? ProjectId, string Kind, JsonObject Parameters, string CreatedBy, string State,
    int Attempts, int MaxAttempts, string? Owner, DateTimeOffset? LeaseUntil, bool CancelRequested, double Progress, string? Message,
    JsonNode? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? HeartbeatAt, DateTimeOffset? FinishedAt)
{
    public static JobResponse From(JobRecord job) => new(
        job.Id, job.ProjectName, job.ProjectId, job.Kind, job.Parameters, job.CreatedBy, job.State, job.Attempts, job.MaxAttempts,
        job.Owner, job.LeaseUntil, job.CancelRequested, job.Progress, job.Message, job.Result, job.Error, job.CreatedAt,
        job.StartedAt, job.HeartbeatAt, job.FinishedAt);
}

public sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs, string? Next);

public sealed record JobLogLineResponse(long Id, int Attempt, DateTimeOffset At, string Line);

public sealed record JobLogResponse(long JobId, string State, IReadOnlyList<JobLogLineResponse> Lines, string? Next);

public sealed record JobKindsResponse(IReadOnlyList<string> Kinds);

/// <summary>Body of POST /projects/{p}/jobs and POST /jobs.</summary>
public sealed record CreateJobRequest(string Kind, JsonObject? Parameters, int? MaxAttempts);

/// <summary>Body of POST /jobs/{id}/retry (optional): how many more runs a crash may use.</summary>
public sealed record RetryJobRequest(int? MaxAttempts);
