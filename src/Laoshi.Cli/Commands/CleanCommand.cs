using System.CommandLine;
using System.Text.Json.Nodes;
using Laoshi.Server.Api;
using Laoshi.Server.Cleaning;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi clean`: the same cleaning pass as POST /api/v1/projects/{p}/cleaning/runs, printing the same report.</summary>
public static class CleanCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var dedupe = new Option<bool>("--dedupe") { Description = "Find exact duplicates (text after normalisation, files by bytes); the repeats are dropped (reversibly)" };
        var near = new Option<double?>("--near") { Description = "Also find near duplicates at this similarity (0-1; MinHash for text, pHash for images), stored as clusters to resolve" };
        var broken = new Option<bool>("--broken") { Description = "Find unusable items (undecodable or truncated files, empty or over-long texts, small images, mislabelled types); they are dropped (reversibly)" };
        var normalize = new Option<string?>("--normalize") { Description = "Normalise texts: a comma-separated list of nfkc, width, t2s, whitespace, control (or all)" };
        var pii = new Option<string?>("--pii") { Description = "report: count personal information by kind; mask: also mask it (the original stays in the change log)" };
        pii.AcceptOnlyFromAmong("report", "mask");
        var dryRun = new Option<bool>("--dry-run") { Description = "Only report what would be found and changed" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the same as the API's)" };
        var minImage = new Option<int>("--min-image-size") { Description = "Images narrower or lower than this are unusable", DefaultValueFactory = _ => CleaningOptions.DefaultMinImageSize };
        var maxText = new Option<int>("--max-text-length") { Description = "Texts longer than this are unusable", DefaultValueFactory = _ => CleaningOptions.DefaultMaxTextLength };
        var undo = new Option<long?>("--undo") { Description = "Instead of a pass: undo every change of this earlier run (its id)" };
        var by = new Option<string>("--by") { Description = "Who makes the changes (kept in the change log)", DefaultValueFactory = _ => "cli" };
        var command = new Command("clean", "Find duplicates, near duplicates, broken data and personal information, and normalise texts; every change is logged and can be undone.")
        {
            project, dedupe, near, broken, normalize, pii, dryRun, json, minImage, maxText, undo, by,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            if (result.GetValue(undo) is { } run)
            {
                var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
                await bench.Store.Cleaning.GetRunAsync(target.Id, run, ct);
                var undone = await bench.Store.Cleaning.UndoAllAsync(target.Id, run, null, result.GetValue(by)!, ct);
                if (result.GetValue(json)) Output.Json(new UndoResponse(undone.Count, undone));
                else Console.WriteLine($"{undone.Count} changes of run {run} undone in {target.Name}.");
                return 0;
            }
            var options = new CleaningOptions
            {
                Dedupe = result.GetValue(dedupe),
                Near = result.GetValue(near),
                Broken = result.GetValue(broken),
                Normalize = result.GetValue(normalize),
                Pii = result.GetValue(pii),
                DryRun = result.GetValue(dryRun),
                MinImageSize = result.GetValue(minImage),
                MaxTextLength = result.GetValue(maxText),
            };
            var report = await bench.Cleaning.RunAsync(result.GetValue(project)!, options, result.GetValue(by)!, ct: ct);
            if (result.GetValue(json)) Console.WriteLine(report.ToJsonString(ApiJson.Options));
            else Print(report);
            return 0;
        });
        return command;
    }

    private static void Print(JsonObject report)
    {
        var dry = report["dry_run"]?.GetValue<bool>() == true;
        AnsiConsole.MarkupLine(dry ? "[bold]dry run[/]: nothing was changed" : $"[bold]run {report["run_id"]}[/]: undo with --undo {report["run_id"]}");
        AnsiConsole.MarkupLine($"{report["items"]} items read");
        if (report["exact_duplicates"] is { } exact) AnsiConsole.MarkupLine($"exact duplicates: {exact} items repeat an earlier one");
        if (report["near_duplicates"] is JsonArray clusters)
        {
            AnsiConsole.MarkupLine($"near-duplicate clusters: {clusters.Count}");
            foreach (var cluster in clusters.Take(20))
                AnsiConsole.MarkupLine(Markup.Escape($"  {cluster!["similarity"]}  items {string.Join(", ", cluster["items"]!.AsArray())}"));
        }
        if (report["broken"] is JsonArray broken)
        {
            AnsiConsole.MarkupLine($"broken: {broken.Count}");
            foreach (var entry in broken.Take(20)) AnsiConsole.MarkupLine(Markup.Escape($"  item {entry!["item"]}: {entry["reason"]}"));
        }
        if (report["pii"] is JsonObject pii)
            AnsiConsole.MarkupLine(Markup.Escape("pii: " + string.Join(", ", pii.Select(p => $"{p.Key} {p.Value}")) + $"; {report["pii_masked"]} items masked"));
        if (report["normalized"] is { } normalized)
        {
            AnsiConsole.MarkupLine($"normalised: {normalized} items");
            foreach (var change in (report["normalize_preview"] as JsonArray ?? []).Take(10))
                AnsiConsole.MarkupLine(Markup.Escape($"  item {change!["item"]} {change["field"]}: {change["before"]} → {change["after"]}"));
        }
        if (report["skipped"] is JsonArray { Count: > 0 } skipped) AnsiConsole.MarkupLine($"skipped: {skipped.Count} items (see --json)");
        if (report["changes"] is { } changes) AnsiConsole.MarkupLine($"{changes} changes logged; {report["dropped"]} items dropped");
    }
}
