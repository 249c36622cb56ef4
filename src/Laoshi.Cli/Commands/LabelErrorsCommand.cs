using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.External;
using Laoshi.Learning.LabelErrors;
using Laoshi.Learning.Training;
using Laoshi.Server.Jobs;
using Laoshi.Server.LabelErrors;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi label-errors`: the items whose label is likely wrong, ranked (confident learning over out-of-fold
/// probabilities). On a labelled JSONL file (--data FILE.jsonl, which here names the file rather than the data
/// folder), or on a project's snapshot (PROJECT --snapshot NAME) as the project's "label-errors" job does it.
/// </summary>
public static class LabelErrorsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string?>("PROJECT") { Description = "Check a project's snapshot instead of a file (then --data is the data folder)", Arity = ArgumentArity.ZeroOrOne };
        var snapshot = new Option<string?>("--snapshot") { Description = "With PROJECT: the snapshot whose labels to check (its newest version)" };
        var trainer = new Option<string>("--trainer") { Description = "Trainer name, or several comma-separated for an averaged ensemble (see `laoshi trainers`)", Required = true };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds", DefaultValueFactory = _ => LabelErrorJobHandler.DefaultFolds };
        var seed = new Option<int>("--seed") { Description = "Seed of the folds and the training", DefaultValueFactory = _ => LabelErrorJobHandler.DefaultSeed };
        var param = new Option<string[]>("--param") { Description = "Trainer parameter name=value (repeatable; one trainer only)", AllowMultipleArgumentsPerToken = false };
        var filter = new Option<string?>("--filter") { Description = $"Which examples are suspects: {string.Join(", ", LabelErrorOptions.FilterNames)} (default {LabelErrorOptions.FilterNames[0]})" };
        var rankBy = new Option<string?>("--rank-by") { Description = $"Order: {string.Join(", ", LabelErrorOptions.RankingNames)} (default {LabelErrorOptions.RankingNames[0]})" };
        var neighbours = new Option<int?>("--neighbours") { Description = $"Nearest neighbours that vote beside each trainer's models, in its embedding (0: no vote; default {LabelErrorOptions.DefaultNeighbours})" };
        var top = new Option<int?>("--top") { Description = "Print only the first N suspects" };
        var json = new Option<bool>("--json") { Description = "Print {\"suspects\": [{\"id\", \"given\", \"suggested\", \"score\"}, ...]} most likely error first" };
        var command = new Command("label-errors",
            "Rank the items whose label is likely wrong: every item is judged by a model trained without it (k-fold), and confident learning picks the labels the models confidently contradict.")
        {
            project, snapshot, trainer, folds, seed, param, filter, rankBy, neighbours, top, json,
        };
        command.SetAction(async (result, ct) =>
        {
            JsonObject outcome;
            if (result.GetValue(project) is { } projectName)
            {
                var parameters = new JsonObject
                {
                    ["snapshot"] = result.GetValue(snapshot) ?? throw new BadInputException("give --snapshot NAME with a project", field: "snapshot"),
                    ["trainer"] = result.GetValue(trainer),
                    ["folds"] = result.GetValue(folds),
                    ["seed"] = result.GetValue(seed),
                };
                if (result.GetValue(param) is { Length: > 0 } pairs)
                    parameters["params"] = new JsonObject(pairs.Select(Pair));
                if (result.GetValue(filter) is { } f) parameters["filter"] = f;
                if (result.GetValue(rankBy) is { } r) parameters["rank_by"] = r;
                if (result.GetValue(neighbours) is { } k) parameters["neighbours"] = k;
                await using var bench = await global.OpenAsync(result, ct);
                var handler = new LabelErrorJobHandler(bench.Store, bench.Schemas, bench.Training.Trainers);
                outcome = (JsonObject)(await JobProgressBar.RunAsync("cross-validating", progress =>
                    handler.RunAsync(new JobContext(0, projectName, parameters, Environment.UserName, progress), ct)))!;
            }
            else
            {
                var file = result.GetValue(global.Data)
                    ?? throw new BadInputException("give the labelled file: --data FILE.jsonl (one {\"id\", \"text\", \"label\"} a line)", field: "data");
                var path = Path.GetFullPath(file);
                var data = await TrainingFile.ReadAsync(path, ct);
                var trainers = TrainerChoice.From(TrainerCatalog.CreateDefault(), result.GetValue(trainer)!, result.GetValue(param) ?? []);
                var options = LabelErrorOptions.Parse(result.GetValue(filter), result.GetValue(rankBy), result.GetValue(neighbours),
                    "--filter", "--rank-by", "--neighbours");
                var report = await WithProgressAsync(progress => LabelErrorDetector.FindAsync(data, trainers, result.GetValue(folds), result.GetValue(seed),
                    new FileMediaSource(Path.GetDirectoryName(path)!), options, progress, ct));
                outcome = LabelErrorJson.Write(report);
            }

            var suspects = outcome["suspects"]!.AsArray();
            var total = suspects.Count;
            if (result.GetValue(top) is { } n)
                while (suspects.Count > Math.Max(0, n)) suspects.RemoveAt(suspects.Count - 1);
            if (result.GetValue(json))
            {
                Console.WriteLine(outcome.ToJsonString());
                return 0;
            }
            Console.WriteLine($"{total} suspects among {outcome["examples"]} examples, most likely error first:");
            var rank = 0;
            foreach (var s in suspects)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{++rank,5}. {s!["id"]}  {s["given"]!.GetValue<string>()} → {s["suggested"]!.GetValue<string>()}  score {s["score"]!.GetValue<double>():0.000}"));
            return 0;
        });
        return command;
    }

    private static KeyValuePair<string, JsonNode?> Pair(string pair)
    {
        var eq = pair.IndexOf('=');
        if (eq <= 0) throw new BadInputException($"'{pair}': a parameter is written name=value", field: "param");
        return KeyValuePair.Create(pair[..eq].Trim(), (JsonNode?)JsonValue.Create(pair[(eq + 1)..].Trim()));
    }

    private static async Task<LabelErrorReport> WithProgressAsync(Func<IProgress<TrainingProgress>?, Task<LabelErrorReport>> run)
    {
        if (Console.IsErrorRedirected) return await run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("cross-validating", maxValue: 1);
                var report = await Task.Run(() => run(new Progress<TrainingProgress>(p =>
                {
                    task.Description = Markup.Escape(p.Message);
                    task.Value = p.Fraction;
                })));
                task.Value = 1;
                return report;
            });
    }
}
