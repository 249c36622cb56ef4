namespace Laoshi.Server.Jobs;

/// <summary>How this server process takes part in the shared job queue.</summary>
public sealed record JobSettings
{
    /// <summary>Whether this process runs jobs at all (a process may only serve the API and leave the work to others).</summary>
    public bool RunJobs { get; init; } = true;

    /// <summary>How many jobs this process runs at the same time.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>
    /// How long a running job stays this process's without a heartbeat (heartbeats come every third of it). After a
    /// crash, the job runs again (or fails) once this much time has passed.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle process looks for work queued by other processes (its own jobs start at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs a job may start before a crash fails it instead of running it again (a handler's own error fails it at once).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Progress is written at most this often; log lines are written as they come.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
