using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Evaluation.Gates;
using Laoshi.Server.Api;
using Laoshi.Server.Evaluation;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi eval` (measure a model on a test snapshot, with gates for CI) and `laoshi evaluations` (list, compare, report).</summary>
public static class EvalCommands
{
    public static Command Eval(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var model = new Option<string>("--model") { Description = "The model: predictions:VERSION (stored predictions) or a registered model reference", Required = true };
        var snapshot = new Option<string>("--snapshot") { Description = "The test snapshot's name", Required = true };
        var version = new Option<int?>("--snapshot-version") { Description = "Its version (default: the newest)" };
        var gate = new GateOption();
        var report = new Option<string?>("--report") { Description = "Also write the self-contained HTML report to this file" };
        var json = new Option<bool>("--json") { Description = "Print the evaluation as JSON" };
        var eval = new Command("eval", "Measure a model on a test snapshot: metrics per control, slices worst first; every evaluation is kept.")
        {
            project, model, snapshot, version, report, json,
        };
        gate.AddTo(eval);
        eval.SetAction(async (result, ct) =>
        {
            // A bad gate fails before any work is done.
            var parsedGates = gate.Parse(result);
            await using var bench = await global.OpenAsync(result, ct);
            var outcome = await bench.Evaluations.RunAsync(new EvaluationRequest(result.GetValue(project)!, result.GetValue(model)!,
                result.GetValue(snapshot)!, result.GetValue(version), Environment.UserName), null, ct);
            var checkedGates = MetricGates.Check(parsedGates, outcome.GateMetrics());
            if (result.GetValue(report) is { } file)
                await File.WriteAllTextAsync(file, await bench.Evaluations.HtmlReportAsync(outcome.Info.ProjectId.ToString(CultureInfo.InvariantCulture), outcome.Info.Id, ct), ct);
            if (result.GetValue(json))
            {
                var response = EvaluationsApi.EvaluationResponse(outcome);
                if (checkedGates.Count > 0) response["gates"] = EvaluationsApi.GateJson(checkedGates);
                Console.WriteLine(response.ToJsonString(ApiJson.Options));
            }
            else
            {
                PrintSummary(outcome.Info.Id, outcome.Report);
            }
            // As every metrics command: verdicts on stdout, or on stderr beside JSON so a pipeline log shows them.
            var log = result.GetValue(json) ? Console.Error : Console.Out;
            foreach (var checkedGate in checkedGates) log.WriteLine(GateOption.Verdict(checkedGate));
            var failed = checkedGates.Count(g => !g.Passed);
            if (failed > 0) Console.Error.WriteLine($"{failed} of {checkedGates.Count} gate{(checkedGates.Count == 1 ? "" : "s")} failed");
            return failed > 0 ? 1 : 0;
        });
        return eval;
    }

    public static Command Evaluations(GlobalOptions global)
    {
        var group = new Command("evaluations", "List, compare and report stored evaluations.");

        var listProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var listJson = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "The project's evaluations, newest first.") { listProject, listJson };
        list.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(listProject)!, ct);
            var all = new List<Storage.EvaluationInfo>();
            string? cursor = null;
            do
            {
                var page = await bench.Store.Evaluations.ListAsync(target.Id, 1000, cursor, ct: ct);
                all.AddRange(page.Items);
                cursor = page.Next;
            } while (cursor is not null);
            if (result.GetValue(listJson))
            {
                Console.WriteLine(new JsonArray([.. all.Select(e => (JsonNode)EvaluationsApi.Describe(e))]).ToJsonString(ApiJson.Options));
                return 0;
            }
            var table = new Table().AddColumns("id", "model", "snapshot", "items", "headline", "created");
            foreach (var e in all)
                table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Model), Markup.Escape($"{e.SnapshotName} v{e.SnapshotVersion}"),
                    e.ItemCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(Headlines(e.Summary)), e.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });

        var compareProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var baseline = new Argument<long>("BASELINE") { Description = "The evaluation compared against (id)" };
        var candidate = new Argument<long>("CANDIDATE") { Description = "The new evaluation (id), on the same snapshot" };
        var compareJson = new Option<bool>("--json") { Description = "Print JSON" };
        var compare = new Command("compare", "Deltas with bootstrap 95% intervals, McNemar's test and flipped items of two evaluations.")
        {
            compareProject, baseline, candidate, compareJson,
        };
        compare.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var comparison = await bench.EvaluationComparer.CompareAsync(result.GetValue(compareProject)!, result.GetValue(baseline), result.GetValue(candidate), ct);
            if (result.GetValue(compareJson))
            {
                Console.WriteLine(comparison.ToJsonString(ApiJson.Options));
                return 0;
            }
            PrintComparison(comparison);
            return 0;
        });

        var reportProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var reportId = new Argument<long>("EVALUATION") { Description = "Evaluation id" };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write", Required = true };
        var report = new Command("report", "Write an evaluation's self-contained HTML report.") { reportProject, reportId, output };
        report.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var html = await bench.Evaluations.HtmlReportAsync(result.GetValue(reportProject)!, result.GetValue(reportId), ct);
            await File.WriteAllTextAsync(result.GetValue(output)!, html, ct);
            Console.WriteLine($"Wrote {result.GetValue(output)}.");
            return 0;
        });

        group.Subcommands.Add(list);
        group.Subcommands.Add(compare);
        group.Subcommands.Add(report);
        return group;
    }

    private static string Headlines(string summary) =>
        JsonNode.Parse(summary) is JsonObject controls
            ? string.Join("; ", controls.Select(c => $"{c.Key} {c.Value?["headline"]}={Format(c.Value?["value"])}"))
            : "";

    private static void PrintSummary(long id, JsonObject report)
    {
        Console.WriteLine($"Evaluation {id}: {report["model"]} on {report["snapshot"]?["name"]} v{report["snapshot"]?["version"]}, {report["items"]} items.");
        if (report["controls"] is not JsonObject controls) return;
        foreach (var (name, control) in controls)
        {
            if (control is not JsonObject c) continue;
            var metrics = c["metrics"] as JsonObject ?? [];
            var figures = metrics.Where(m => m.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && m.Key is not ("items" or "utterances"))
                .Take(12).Select(m => $"{m.Key} {Format(m.Value)}");
            Console.WriteLine($"  {name} ({c["task"]}, {c["items"]} items, {c["wrong"]} wrong): {string.Join(", ", figures)}");
            if (c["slices"] is JsonArray slices && slices.Count > 0)
                Console.WriteLine($"    worst slices: {string.Join("; ", slices.Take(5).Select(s => $"{s?["dimension"]}={s?["value"]} {s?["metric"]} {Format(s?["figure"])} ({s?["items"]} items)"))}");
        }
        if (report["skipped_controls"] is JsonObject skipped)
            foreach (var (name, reason) in skipped) Console.WriteLine($"  {name}: not scored ({reason})");
    }

    private static void PrintComparison(JsonObject comparison)
    {
        Console.WriteLine($"Baseline {comparison["baseline"]?["id"]} ({comparison["baseline"]?["model"]}) → candidate {comparison["candidate"]?["id"]} ({comparison["candidate"]?["model"]}) on {comparison["snapshot"]?["name"]} v{comparison["snapshot"]?["version"]}");
        if (comparison["controls"] is not JsonObject controls) return;
        foreach (var (name, control) in controls)
        {
            var b = control?["bootstrap"];
            Console.WriteLine($"  {name}: {b?["metric"]} {Format(b?["baseline"])} → {Format(b?["candidate"])} (Δ {Format(b?["delta"])}, 95% CI [{Format(b?["lower"])}, {Format(b?["upper"])}])");
            if (control?["mcnemar"] is { } m) Console.WriteLine($"    McNemar: b={m["b"]} c={m["c"]} p={Format(m["p_value"])}");
            Console.WriteLine($"    flipped: {control?["flips"]?["right_to_wrong"]} right→wrong, {control?["flips"]?["wrong_to_right"]} wrong→right");
        }
    }

    private static string Format(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
