namespace Laoshi.Storage;

/// <summary>The life of a job: queued → running → succeeded | failed | cancelled (a failed or cancelled job may be retried).</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, Cancelled];

    public static bool IsKnown(string? state) => state is not null && All.Contains(state);

    /// <summary>True once nothing will run the job again unless someone retries it.</summary>
    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;
}
