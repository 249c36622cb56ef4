using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>
/// 2. `laoshi export --format jsonl` and `--format coco` of N image items, each with one annotation holding one
/// box, all showing one small stored PNG: seconds and peak memory (with an RSS timeline, to see it stay flat).
/// </summary>
public static class ExportBenchmark
{
    private const string Project = "boxes";

    public static async Task<JsonObject> RunAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var options = workspace.Options;
        var image = workspace.PathFor("room.png");
        TinyPng.Write(image, Datasets.ImageWidth, Datasets.ImageHeight);
        var tasks = workspace.PathFor("box-tasks.jsonl");
        Workspace.Log($"export: generating {options.Items:N0} box tasks");
        var clock = Stopwatch.StartNew();
        Datasets.WriteBoxTasks(tasks, options.Items, Path.GetFileName(image));
        var generated = clock.Elapsed.TotalSeconds;

        var cli = workspace.Cli("data-boxes");
        await cli.CreateProjectAsync(Project, Schemas.Image, cancellationToken);
        Workspace.Log("export: setting up (importing the box tasks)");
        var setup = await cli.RunAsync(cancellationToken, "import", Project, tasks, "--format", "jsonl", "--json");
        workspace.Delete(tasks);
        var stats = await cli.StatsAsync(Project, cancellationToken);
        if (stats["annotations"]?.GetValue<long>() != options.Items)
        {
            throw new BenchmarkFailedException($"export setup stored {stats["annotations"]} annotations, expected {options.Items}");
        }

        var result = new JsonObject
        {
            ["items"] = options.Items,
            ["setup"] = new JsonObject { ["generate_seconds"] = Math.Round(generated, 3), ["import"] = setup.ToJson() },
        };
        var targets = new Targets();
        foreach (var format in new[] { "jsonl", "coco" })
        {
            var output = workspace.PathFor($"export.{format}.json");
            Workspace.Log($"export: laoshi export --format {format}");
            var run = await cli.RunAsync(cancellationToken, "export", Project, "--format", format, "--out", output);
            var figures = run.ToJson();
            figures["output_mb"] = MeasuredRun.Megabytes(new FileInfo(output).Length);
            figures["items_per_second"] = Math.Round(options.Items / run.Seconds);
            result[format] = figures;
            targets.AtMost($"{format}.seconds", run.Seconds, 20);
            // "Flat" memory: far below what holding the export would take, and at most a fixed allowance.
            targets.AtMost($"{format}.peak_rss_mb", run.PeakRssMegabytes, 300);
            workspace.Delete(output);
        }
        targets.WriteTo(result);
        workspace.Delete(cli.DataDirectory);
        return result;
    }
}
