using System.Text.Json.Nodes;

namespace Laoshi.Server.Jobs;

/// <summary>
/// Does one kind of background work (an evaluation, a cleaning pass, a training run, pre-labelling).
/// Registered in DI as IJobHandler; the job engine runs it on whichever server process claims the job.
/// A handler must be safe to run again from the start after a crash: it writes its result in one transaction
/// at the end, or checks what an earlier attempt already wrote.
/// </summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs, e.g. "evaluation", "clean".</summary>
    string Kind { get; }

    /// <summary>Runs the job; the returned JSON is kept as the job's result. Throw BadInputException for a clear failure.</summary>
    Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a running job knows: its id, project, parameters, who asked, and where to report progress and log lines.</summary>
public sealed record JobContext(long JobId, string? Project, JsonObject Parameters, string CreatedBy, IJobProgress Progress);

/// <summary>Progress and log lines of a running job, stored so that every server process and the UI see them.</summary>
public interface IJobProgress
{
    /// <summary>Fraction done in [0, 1] and an optional short message ("scoring 4,000 of 10,000 items").</summary>
    Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken);

    /// <summary>Appends one line to the job's log.</summary>
    Task LogAsync(string line, CancellationToken cancellationToken);
}

/// <summary>Puts work on the job queue, which lives in the project's database so several server processes share it.</summary>
public interface IJobQueue
{
    /// <summary>Queues a job of <paramref name="kind"/> and returns its id at once.</summary>
    Task<long> EnqueueAsync(string? project, string kind, JsonObject parameters, string createdBy, CancellationToken cancellationToken);
}
