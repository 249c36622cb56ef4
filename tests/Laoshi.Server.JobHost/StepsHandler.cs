using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Server.Jobs;

namespace Laoshi.Server.JobHost;

/// <summary>
/// Test work: "steps" steps of "step_ms" milliseconds, reporting progress and logging each step. With "marker_dir" it
/// proves it never runs twice at once: it holds &lt;job&gt;.running open with FileShare.None while it runs (on Unix an flock,
/// which a killed process drops), so a second copy running at the same time cannot open it and writes &lt;job&gt;.twice;
/// every start is appended to &lt;job&gt;.runs.
/// </summary>
public sealed class StepsHandler : IJobHandler
{
    public const string KindName = "test-steps";

    public string Kind => KindName;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var steps = context.Parameters["steps"]?.GetValue<int>() ?? 3;
        var stepMs = context.Parameters["step_ms"]?.GetValue<int>() ?? 10;
        var markers = context.Parameters["marker_dir"]?.GetValue<string>();
        var id = context.JobId.ToString(CultureInfo.InvariantCulture);
        FileStream? running = null;
        if (markers is not null)
        {
            await File.AppendAllTextAsync(Path.Combine(markers, id + ".runs"), $"{Environment.ProcessId}\n", cancellationToken);
            try
            {
                running = new FileStream(Path.Combine(markers, id + ".running"), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
            }
            catch (IOException)
            {
                await File.WriteAllTextAsync(Path.Combine(markers, id + ".twice"), $"{Environment.ProcessId}\n", cancellationToken);
                throw;
            }
        }
        try
        {
            for (var step = 1; step <= steps; step++)
            {
                await Task.Delay(stepMs, cancellationToken);
                await context.Progress.LogAsync($"step {step} of {steps}", cancellationToken);
                await context.Progress.ReportAsync((double)step / steps, $"step {step} of {steps}", cancellationToken);
            }
        }
        finally
        {
            if (running is not null) await running.DisposeAsync();
        }
        return new JsonObject { ["steps"] = steps, ["pid"] = Environment.ProcessId, ["project"] = context.Project, ["created_by"] = context.CreatedBy };
    }
}
