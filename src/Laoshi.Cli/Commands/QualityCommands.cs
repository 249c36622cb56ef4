using System.CommandLine;
using Laoshi.Core.Errors;
using Laoshi.Quality;
using Laoshi.Server.Quality;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi agreement` and `laoshi aggregate`: on a JSONL file of ratings, or on a project's current answers.</summary>
public static class QualityCommands
{
    /// <summary>Pairs are listed up to this many annotators; beyond, there are too many to read (1,000 make 499,500).</summary>
    private const int MaxAnnotatorsForPairs = 100;

    public static Command Agreement(GlobalOptions global)
    {
        var project = new Argument<string?>("PROJECT") { Description = "Project name or id (instead of --input)", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input") { Description = "JSONL file, one {\"item\", \"annotator\", \"label\"} a line" };
        var metric = new Option<string>("--metric") { Description = "cohen, fleiss, krippendorff or percent", DefaultValueFactory = _ => "krippendorff" };
        metric.AcceptOnlyFromAmong("cohen", "fleiss", "krippendorff", "percent");
        var level = new Option<string>("--level") { Description = "Krippendorff's level: nominal, ordinal, interval or ratio", DefaultValueFactory = _ => "nominal" };
        level.AcceptOnlyFromAmong("nominal", "ordinal", "interval", "ratio");
        var control = new Option<string?>("--control") { Description = "The choices or rating control to compare (projects with several)" };
        var json = new Option<bool>("--json") { Description = "Print {\"metric\", \"value\", ...} as JSON" };
        var command = new Command("agreement", "Inter-annotator agreement: overall, per label (one-vs-rest) and per annotator pair.")
        {
            project, input, metric, level, control, json,
        };
        command.SetAction(async (result, ct) =>
        {
            AgreementMetrics.TryParse(result.GetValue(metric), out AgreementMetric chosenMetric);
            AgreementMetrics.TryParse(result.GetValue(level), out MeasurementLevel chosenLevel);
            var (table, controlName) = await RatingsAsync(result, global, project, input, control, ct);
            var annotators = table.RatingAnnotators.ToArray().Distinct().Count();
            // Cohen's kappa is for two annotators: say so rather than print only pairs.
            if (chosenMetric == AgreementMetric.Cohen && annotators != 2) CohenKappa.Compute(table);
            var report = Laoshi.Quality.Agreement.Report(table, chosenMetric, chosenLevel, pairs: annotators <= MaxAnnotatorsForPairs);
            if (result.GetValue(json))
            {
                Output.Json(new AgreementOutput(report.Metric, report.Level, report.Value, controlName, report.Items, report.Annotators,
                    report.Ratings, report.PerLabel, annotators <= MaxAnnotatorsForPairs ? report.Pairs : null));
                return 0;
            }
            var what = chosenMetric == AgreementMetric.Krippendorff ? $"krippendorff alpha ({report.Level})" : report.Metric;
            Console.WriteLine($"{what}: {Show(report.Value)} over {report.Items:N0} items, {report.Annotators:N0} annotators, {report.Ratings:N0} labels");
            if (report.PerLabel.Count > 0)
            {
                Console.WriteLine("per label (one vs rest):");
                foreach (var label in report.PerLabel) Console.WriteLine($"  {label.Label}: {Show(label.Value)}");
            }
            if (report.Pairs.Count > 0)
            {
                Console.WriteLine("per pair:");
                foreach (var pair in report.Pairs) Console.WriteLine($"  {pair.First} / {pair.Second}: {Show(pair.Value)} ({pair.Items:N0} items)");
            }
            return 0;
        });
        return command;
    }

    public static Command Aggregate(GlobalOptions global)
    {
        var project = new Argument<string?>("PROJECT") { Description = "Project name or id (instead of --input)", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input") { Description = "JSONL file, one {\"item\", \"annotator\", \"label\"} a line" };
        var method = new Option<string>("--method") { Description = "majority or dawid-skene", DefaultValueFactory = _ => "majority" };
        method.AcceptOnlyFromAmong("majority", "dawid-skene");
        var output = new Option<string>("--out") { Description = "JSONL to write: one {\"item\", \"label\", \"confidence\"} a line", Required = true };
        var control = new Option<string?>("--control") { Description = "The choices or rating control to aggregate (projects with several)" };
        var command = new Command("aggregate", "One agreed label per item: majority vote (ties to the label that sorts first) or Dawid–Skene.")
        {
            project, input, method, output, control,
        };
        command.SetAction(async (result, ct) =>
        {
            var (table, _) = await RatingsAsync(result, global, project, input, control, ct);
            var consensus = result.GetValue(method) == "dawid-skene" ? DawidSkene.Compute(table) : MajorityVote.Compute(table);
            var destination = Path.GetFullPath(result.GetValue(output)!);
            // Written beside the target and moved into place: a failure never leaves half a file.
            var partial = destination + ".partial";
            try
            {
                await using (var file = File.Create(partial)) await RatingFile.WriteConsensusAsync(consensus, file, ct);
                File.Move(partial, destination, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            var note = consensus.Iterations > 0 ? $" after {consensus.Iterations} EM iterations{(consensus.Converged ? "" : " (did not converge)")}" : "";
            Console.Error.WriteLine($"Wrote {consensus.ItemLabels.Length:N0} items to {destination}{note}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The labels to compare: from the --input file, or from the named project's answers to one control (whose name comes
    /// back; null for a file). The project is read without counting its items, which nothing here needs.
    /// </summary>
    private static async Task<(RatingTable Table, string? Control)> RatingsAsync(
        ParseResult result, GlobalOptions global, Argument<string?> project, Option<string?> input, Option<string?> control, CancellationToken ct)
    {
        if (Source(result, project, input) is { } path) return (await RatingFile.ReadAsync(path, ct), null);
        await using var bench = await global.OpenAsync(result, ct);
        var target = await bench.Store.Projects.GetUncountedAsync(result.GetValue(project)!, ct);
        var quality = new ProjectQuality(bench.Store, bench.Schemas);
        var controlName = quality.Control(target, result.GetValue(control));
        return (await quality.RatingsAsync(target, controlName, ct), controlName);
    }

    /// <summary>The file to read, or null when a project is named; exactly one of the two.</summary>
    private static string? Source(ParseResult result, Argument<string?> project, Option<string?> input)
    {
        var (name, path) = (result.GetValue(project), result.GetValue(input));
        if (name is null == path is null)
            throw new BadInputException("give either a PROJECT or --input FILE (JSONL of {\"item\", \"annotator\", \"label\"})", field: "input");
        return path is null ? null : Path.GetFullPath(path);
    }

    private static string Show(double? value) => value is { } v ? v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "undefined";
}

/// <summary>What `agreement --json` prints; pairs is absent when there are too many annotators to list them.</summary>
public sealed record AgreementOutput(
    string Metric,
    string Level,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? Value,
    string? Control,
    int Items,
    int Annotators,
    int Ratings,
    IReadOnlyList<LabelAgreement> PerLabel,
    IReadOnlyList<PairAgreement>? Pairs);
