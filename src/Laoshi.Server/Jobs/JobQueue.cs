using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage;

namespace Laoshi.Server.Jobs;

/// <summary>
/// Puts jobs on the shared queue. Only kinds that a handler in this server runs are accepted, so a typo fails at once
/// instead of waiting forever.
/// </summary>
public sealed class JobQueue(LaoshiStore store, IEnumerable<IJobHandler> handlers, JobSettings settings, JobSignal signal) : IJobQueue
{
    private readonly SortedSet<string> _kinds = new(handlers.Select(h => h.Kind), StringComparer.Ordinal);

    /// <summary>The kinds of work this server can run, sorted.</summary>
    public IReadOnlyCollection<string> Kinds => _kinds;

    public async Task<long> EnqueueAsync(string? project, string kind, JsonObject parameters, string createdBy, CancellationToken cancellationToken) =>
        (await QueueAsync(project, kind, parameters, createdBy, null, cancellationToken)).Id;

    /// <summary>As <see cref="EnqueueAsync"/>, returning the stored job; <paramref name="maxAttempts"/> null takes the server's setting.</summary>
    public async Task<JobRecord> QueueAsync(string? project, string kind, JsonObject parameters, string createdBy, int? maxAttempts, CancellationToken ct)
    {
        if (!_kinds.Contains(kind))
            throw new BadInputException(_kinds.Count == 0
                ? $"job kind '{kind}' is unknown: this server runs no kinds of job"
                : $"job kind '{kind}' is unknown; this server runs: {string.Join(", ", _kinds)}", field: "kind");
        long? projectId = project is null ? null : (await store.Projects.ResolveAsync(project, ct)).Id;
        var job = await store.Jobs.EnqueueAsync(projectId, kind, parameters, createdBy, maxAttempts ?? settings.MaxAttempts, ct);
        signal.Raise();
        return job;
    }
}
