using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Server.Analysis;
using Laoshi.Server.Api;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

public static class StatsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var json = new Option<bool>("--json") { Description = "Print JSON: GET /api/v1/projects/{p}/stats with GET /api/v1/projects/{p}/analysis merged in" };
        var counts = new Option<bool>("--counts") { Description = "Only the counts (skips reading every item for the dataset statistics)" };
        var top = new Option<int>("--top") { Description = "Distinctive terms per label", DefaultValueFactory = _ => 20 };
        var command = new Command("stats", "Counts by status and by label, progress, and dataset statistics (labels, lengths, terms, sizes, heat maps).")
            { project, json, counts, top };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var stats = await bench.Store.Stats.GetAsync(target.Id, ct);
            var analysis = result.GetValue(counts) ? null : await bench.Analysis.AnalyzeAsync(target, result.GetValue(top), ct: ct);
            if (result.GetValue(json))
            {
                // The counts keep their names; the dataset statistics are added beside them.
                var merged = JsonSerializer.SerializeToNode(stats, ApiJson.Options)!.AsObject();
                if (analysis is not null)
                {
                    foreach (var (name, value) in JsonSerializer.SerializeToNode(analysis, ApiJson.Options)!.AsObject().ToList())
                        merged[name] = value?.DeepClone();
                }
                Console.WriteLine(merged.ToJsonString(ApiJson.Options));
                return 0;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(target.Name)}[/]: {stats.Items:N0} items, {stats.Annotated:N0} annotated, {stats.Annotations:N0} annotations, {stats.Predictions:N0} predictions");
            AnsiConsole.Write(new BarChart().Width(60).Label("progress").AddItem("annotated %", Math.Round(stats.Progress * 100, 1), Color.Green));
            if (stats.ByStatus.Count > 0)
            {
                var statuses = new BarChart().Width(60).Label("by status");
                foreach (var (status, count) in stats.ByStatus) statuses.AddItem(Markup.Escape(status), count, Color.Blue);
                AnsiConsole.Write(statuses);
            }
            if (stats.ByLabel.Count > 0)
            {
                var labels = new BarChart().Width(60).Label("by label");
                foreach (var (label, count) in stats.ByLabel.OrderByDescending(p => p.Value)) labels.AddItem(Markup.Escape(label), count, Color.Yellow);
                AnsiConsole.Write(labels);
            }
            if (analysis is not null) WriteAnalysis(analysis);
            return 0;
        });
        return command;
    }

    private static void WriteAnalysis(DatasetAnalysis analysis)
    {
        foreach (var control in analysis.Imbalance.Where(c => c.Ratio is not null))
            AnsiConsole.MarkupLine(Markup.Escape($"imbalance of {control.Control}: {control.Ratio!.Value.ToString("0.##", CultureInfo.InvariantCulture)} ({control.Most} over {control.Least})"));
        foreach (var control in analysis.Imbalance.Where(c => c.UnusedLabels.Count > 0))
            AnsiConsole.MarkupLine(Markup.Escape($"never used in {control.Control}: {string.Join(", ", control.UnusedLabels)}"));
        foreach (var (field, length) in analysis.TextLength)
            AnsiConsole.MarkupLine(Markup.Escape($"text length of {field}: median {length.Median}, p90 {length.P90}, max {length.Max} characters ({length.Count:N0} texts)"));
        foreach (var (field, aspect) in analysis.ImageAspect)
            AnsiConsole.MarkupLine(Markup.Escape($"image {field}: median {analysis.ImageWidth[field].Median} × {analysis.ImageHeight[field].Median} px, aspect median {aspect.Median:0.###}"));
        foreach (var (field, duration) in analysis.AudioDuration)
            AnsiConsole.MarkupLine(Markup.Escape($"audio {field}: median {duration.Median:0.##} s, max {duration.Max:0.##} s"));
        if (analysis.BoxPositionHeatMap.Count > 0) AnsiConsole.MarkupLine($"boxes: {analysis.BoxPositionHeatMap.Count:N0} (heat maps in --json)");
        if (analysis.DistinctiveTerms.Any(p => p.Value.Count > 0))
        {
            var table = new Table().AddColumn("label").AddColumn("distinctive terms");
            foreach (var (label, terms) in analysis.DistinctiveTerms.OrderBy(p => p.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(label), Markup.Escape(string.Join(", ", terms.Take(10).Select(t => t.Term))));
            AnsiConsole.Write(table);
        }
    }
}
