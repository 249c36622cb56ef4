using System.CommandLine;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

public static class StatsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var json = new Option<bool>("--json") { Description = "Print JSON (the same as GET /api/v1/projects/{p}/stats)" };
        var command = new Command("stats", "Counts by status and by label, and progress.") { project, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var stats = await bench.Store.Stats.GetAsync(target.Id, ct);
            if (result.GetValue(json))
            {
                Output.Json(stats);
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
            return 0;
        });
        return command;
    }
}
