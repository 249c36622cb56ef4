using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>
/// 4. `laoshi import` of a large Label Studio JSON export (one top-level array of text tasks, each with an
/// annotation of two spans and a choice): seconds and peak memory, which must not grow with the file.
/// </summary>
public static class LabelStudioImportBenchmark
{
    private const string Project = "ls-import";

    public static async Task<JsonObject> RunAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var options = workspace.Options;
        var file = workspace.PathFor("label-studio-export.json");
        Workspace.Log($"labelstudio: generating a {options.LabelStudioMegabytes} MB Label Studio export");
        var clock = Stopwatch.StartNew();
        var (tasks, bytes) = Datasets.WriteLabelStudioExport(file, (long)(options.LabelStudioMegabytes * 1024 * 1024));
        var generated = clock.Elapsed.TotalSeconds;

        var cli = workspace.Cli("data-ls");
        await cli.CreateProjectAsync(Project, Schemas.Text, cancellationToken);
        Workspace.Log($"labelstudio: laoshi import of {tasks:N0} tasks");
        var run = await cli.RunAsync(cancellationToken, "import", Project, file, "--format", "labelstudio", "--json");
        var stats = await cli.StatsAsync(Project, cancellationToken);
        if (stats["items"]?.GetValue<long>() != tasks || stats["annotations"]?.GetValue<long>() != tasks)
        {
            throw new BenchmarkFailedException($"Label Studio import stored {stats["items"]} items and {stats["annotations"]} annotations, expected {tasks} of each");
        }

        var figures = run.ToJson();
        var result = new JsonObject
        {
            ["file_mb"] = MeasuredRun.Megabytes(bytes),
            ["tasks"] = tasks,
            ["regions"] = tasks * 3,
            ["generate_seconds"] = Math.Round(generated, 3),
            ["laoshi"] = figures,
            ["tasks_per_second"] = Math.Round(tasks / run.Seconds),
            ["mb_per_second"] = Math.Round(MeasuredRun.Megabytes(bytes) / run.Seconds, 1),
        };
        new Targets().AtMost("laoshi.peak_rss_mb", run.PeakRssMegabytes, 600).WriteTo(result);
        workspace.Delete(file);
        workspace.Delete(cli.DataDirectory);
        return result;
    }
}
