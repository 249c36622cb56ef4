using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Jobs;

namespace Laoshi.Server.Cleaning;

/// <summary>
/// The "clean" job: a cleaning pass run by the job engine. Its parameters are the API body of a cleaning run
/// (<see cref="CleaningOptions.FromJson"/>); its result is the pass's report. A retried job starts a new pass: changes an
/// earlier attempt wrote are logged under that attempt's run and skip items that already hold their result.
/// </summary>
public sealed class CleanJobHandler(CleaningService cleaning) : IJobHandler
{
    public const string JobKind = "clean";

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var project = context.Project ?? throw new BadInputException("a cleaning job needs a project", field: "project");
        var options = CleaningOptions.FromJson(context.Parameters);
        await context.Progress.LogAsync($"cleaning {project}: {context.Parameters.ToJsonString()}", cancellationToken);
        var report = await cleaning.RunAsync(project, options, context.CreatedBy, context.JobId, context.Progress, cancellationToken);
        await context.Progress.LogAsync($"read {report["items"]} items; {report["changes"] ?? 0} changes", cancellationToken);
        return report;
    }
}
