using System.Text.Json.Nodes;

namespace Laoshi.Storage.Runs;

/// <summary>How a training run ended (or that it has not yet).</summary>
public static class RunStatuses
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Running, Succeeded, Failed, Cancelled];
}

/// <summary>What starting a run records: the trainer and its task, the values asked for, the snapshot version, the seed, the search asked for.</summary>
public sealed record NewRun(string Trainer, string Task, JsonObject Parameters, long SnapshotId, int Seed, double TestShare, JsonObject? Search,
    string CreatedBy, long? JobId = null);

/// <summary>
/// What a finished run adds: the values used, the held-out metrics, the search's outcome and trial table, the learning
/// curve, and the model version it registered.
/// </summary>
public sealed record RunOutcome(JsonObject Parameters, JsonObject Metrics, JsonObject? Search, JsonArray? Trials, JsonArray? Curve, double DurationMs,
    string? ModelName, int? ModelVersion);

/// <summary>
/// One stored run. Trials and Curve are read only for one run (GetAsync); lists leave them null. ComparedWith is the
/// previous finished run on the same snapshot version, fixed when this one finished.
/// </summary>
public sealed record RunInfo(
    long Id, long ProjectId, string Trainer, string Task, JsonObject Parameters, long SnapshotId, string SnapshotName, int SnapshotVersion,
    int Seed, double TestShare, JsonObject? Search, JsonArray? Trials, JsonObject Metrics, JsonArray? Curve, double DurationMs, string Status,
    string? Error, string? ModelName, int? ModelVersion, long? ComparedWith, long? JobId, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
