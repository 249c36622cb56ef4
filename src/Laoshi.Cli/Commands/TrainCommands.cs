using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Search;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;
using Laoshi.Server.Training;
using Laoshi.Storage.Runs;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi trainers` (the built-in trainers and their parameters), `laoshi train` (a tracked training run on a
/// snapshot, here and now, progress on stderr) and `laoshi runs list|show|compare`.
/// </summary>
public static class TrainCommands
{
    private static readonly string[] HeadlineMetrics = ["accuracy", "f1_macro", "f1_micro", "precision", "recall", "f1"];

    public static Command Trainers(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON ({\"trainers\": [...]}, as GET /api/v1/trainers)" };
        var command = new Command("trainers", "The built-in trainers with their parameters (type, default, range, help).") { json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var catalog = bench.ModelRegistry.Trainers;
            if (result.GetValue(json))
            {
                Console.WriteLine(RunShapes.Trainers(catalog).ToJsonString(ApiJson.Options));
                return 0;
            }
            if (catalog.All.Count == 0) Console.WriteLine("No trainers are built in.");
            foreach (var trainer in catalog.All)
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(trainer.Name)}[/] ({Markup.Escape(trainer.Task)}): {Markup.Escape(trainer.Description)}");
                var table = new Table().AddColumns("parameter", "type", "default", "range", "help");
                foreach (var p in trainer.Parameters)
                {
                    var range = p.Choices is { } choices ? string.Join(" | ", choices)
                        : p.Min is not null || p.Max is not null ? $"{Number(p.Min)} … {Number(p.Max)}{(p.LogScale ? " (log)" : "")}" : "";
                    table.AddRow(Markup.Escape(p.Name), p.Type, Markup.Escape(p.Default?.ToJsonString() ?? ""), Markup.Escape(range), Markup.Escape(p.Help));
                }
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    public static Command Train(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var trainer = new Option<string>("--trainer") { Description = "The trainer (see `laoshi trainers`)", Required = true };
        var snapshot = new Option<string>("--snapshot") { Description = "The snapshot to learn from", Required = true };
        var snapshotVersion = new Option<int?>("--snapshot-version") { Description = "Its version (default: the newest)" };
        var param = new Option<string[]>("--param")
        {
            Description = "name=value for a declared parameter (repeatable); a search leaves these alone",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var search = new Option<string?>("--search") { Description = "Search the parameters: random or halving (successive halving)" };
        var budget = new Option<string?>("--budget") { Description = "The search's time budget, e.g. 90s, 10m, 1h (no trial starts after it)" };
        var trials = new Option<int>("--trials") { Description = "Configurations the search tries", DefaultValueFactory = _ => 20 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds per trial", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the search and the trainer", DefaultValueFactory = _ => 1 };
        var testShare = new Option<double>("--test-share") { Description = "Share of the examples held out for the metrics", DefaultValueFactory = _ => 0.2 };
        var registerAs = new Option<string?>("--register-as") { Description = "Model name to register the result under (default: the trainer's name)" };
        var control = new Option<string?>("--control") { Description = "The schema control to learn (default: the first that fits the trainer)" };
        var curve = new Option<bool>("--curve") { Description = "Also draw the learning curve (train on 25/50/100 % of the training part)" };
        var json = new Option<bool>("--json") { Description = "Print JSON: held-out metrics at the top level (accuracy, f1_macro, ...) with run_id, model, params" };
        var command = new Command("train", "Train a built-in trainer on a snapshot as a tracked run; the model is registered as a candidate.")
        {
            project, trainer, snapshot, snapshotVersion, param, search, budget, trials, folds, seed, testShare, registerAs, control, curve, json,
        };
        command.SetAction(async (result, ct) =>
        {
            SearchOptions? searchOptions = null;
            if (result.GetValue(search) is { } method)
                searchOptions = new SearchOptions(method, result.GetValue(trials), result.GetValue(folds),
                    result.GetValue(budget) is { } b ? BudgetText.Parse(b) : null).Checked();
            else if (result.GetValue(budget) is not null)
                throw new BadInputException("--budget goes with --search random|halving", field: "budget");
            var given = new JsonObject();
            foreach (var pair in result.GetValue(param) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw new BadInputException($"--param '{pair}': write name=value", field: "param");
                given[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
            }
            await using var bench = await global.OpenAsync(result, ct);
            var request = new TrainingRequest(result.GetValue(project)!, result.GetValue(trainer)!, result.GetValue(snapshot)!, result.GetValue(snapshotVersion),
                given, result.GetValue(seed), result.GetValue(testShare), result.GetValue(curve), result.GetValue(registerAs), result.GetValue(control),
                searchOptions, Environment.UserName);
            var run = await JobProgressBar.RunAsync("training", progress => bench.Training.RunAsync(request, progress, null, ct));
            if (result.GetValue(json))
            {
                Console.WriteLine(TrainJson(run).ToJsonString(ApiJson.Options));
                return 0;
            }
            Console.WriteLine($"run {run.Id}: {run.Trainer} on {run.SnapshotName} v{run.SnapshotVersion} in {run.DurationMs / 1000:0.0} s");
            Console.WriteLine($"  held out: {Headlines(run.Metrics)}");
            if (run.Search?["best_params"] is JsonObject best)
                Console.WriteLine($"  search: {run.Search["method"]}, {run.Search["trial_count"]} trials, best {run.Search["metric"]} {run.Search["best_score"]} with {best.ToJsonString()}");
            Console.WriteLine($"  model: {run.ModelName}@{run.ModelVersion} (candidate){(run.ComparedWith is { } previous ? $"; compare with run {previous}: laoshi runs compare {result.GetValue(project)} {previous} {run.Id}" : "")}");
            return 0;
        });
        return command;
    }

    /// <summary>`laoshi train --json`: the metrics at the top level, then what identifies the run.</summary>
    public static JsonObject TrainJson(RunInfo run)
    {
        var json = (JsonObject)run.Metrics.DeepClone();
        json["run_id"] = run.Id;
        json["status"] = run.Status;
        json["trainer"] = run.Trainer;
        json["model"] = run.ModelName is null ? null : new JsonObject { ["name"] = run.ModelName, ["version"] = run.ModelVersion };
        json["params"] = run.Parameters.DeepClone();
        json["seed"] = run.Seed;
        json["duration_seconds"] = Math.Round(run.DurationMs / 1000, 3);
        json["compared_with"] = run.ComparedWith;
        if (run.Search is { } search)
            json["search"] = new JsonObject
            {
                ["method"] = search["method"]?.DeepClone(),
                ["metric"] = search["metric"]?.DeepClone(),
                ["best_params"] = search["best_params"]?.DeepClone(),
                ["best_score"] = search["best_score"]?.DeepClone(),
                ["trials"] = new JsonArray([.. (run.Trials ?? []).Select(t => t?.DeepClone())]),
            };
        if (run.Curve is { } points) json["curve"] = points.DeepClone();
        return json;
    }

    public static Command Runs(GlobalOptions global)
    {
        var runs = new Command("runs", "Training runs: list, show one (trials, curve), compare two.");

        var listProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var listJson = new Option<bool>("--json") { Description = "Print JSON ({\"items\": [...], \"next_cursor\"}, as the API)" };
        var list = new Command("list", "The project's runs, newest first, with their metrics.") { listProject, limit, listJson };
        list.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(listProject)!, ct);
            var page = await bench.Store.Runs.ListAsync(target.Id, result.GetValue(limit), null, ct);
            if (result.GetValue(listJson))
            {
                Console.WriteLine(new JsonObject
                {
                    ["items"] = new JsonArray([.. page.Items.Select(r => (JsonNode?)RunShapes.Run(r))]),
                    ["next_cursor"] = page.Next,
                }.ToJsonString(ApiJson.Options));
                return 0;
            }
            if (page.Items.Count == 0)
            {
                Console.WriteLine("No runs yet: laoshi train PROJECT --trainer NAME --snapshot NAME");
                return 0;
            }
            var table = new Table().AddColumns("run", "trainer", "snapshot", "status", "metrics", "model", "seconds", "by", "created");
            foreach (var run in page.Items)
                table.AddRow(run.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Trainer), Markup.Escape($"{run.SnapshotName} v{run.SnapshotVersion}"),
                    Markup.Escape(run.Status), Markup.Escape(run.Error ?? Headlines(run.Metrics)),
                    Markup.Escape(run.ModelName is null ? "-" : $"{run.ModelName}@{run.ModelVersion}"),
                    (run.DurationMs / 1000).ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(run.CreatedBy),
                    run.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });
        runs.Subcommands.Add(list);

        var showProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var showId = new Argument<long>("RUN") { Description = "The run's id" };
        var showJson = new Option<bool>("--json") { Description = "Print JSON (as GET /api/v1/projects/{p}/runs/{id})" };
        var show = new Command("show", "One run: parameters, metrics, search trials, learning curve.") { showProject, showId, showJson };
        show.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(showProject)!, ct);
            var run = await bench.Store.Runs.GetAsync(target.Id, result.GetValue(showId), ct);
            if (result.GetValue(showJson))
            {
                Console.WriteLine(RunShapes.Run(run, full: true).ToJsonString(ApiJson.Options));
                return 0;
            }
            Console.WriteLine($"run {run.Id}: {run.Trainer} ({run.Task}) on {run.SnapshotName} v{run.SnapshotVersion}, seed {run.Seed}, {run.Status}" +
                              $"{(run.Error is null ? "" : $": {run.Error}")}");
            Console.WriteLine($"  params: {run.Parameters.ToJsonString()}");
            Console.WriteLine($"  held out: {Headlines(run.Metrics)}");
            if (run.ModelName is not null) Console.WriteLine($"  model: {run.ModelName}@{run.ModelVersion}");
            if (run.Trials is { Count: > 0 } trialRows)
            {
                var table = new Table().AddColumns("trial", "rung", "examples", "score", "seconds", "params");
                foreach (var trial in trialRows.OfType<JsonObject>())
                    table.AddRow(Text(trial["index"]), Text(trial["rung"]), Text(trial["examples"]), Markup.Escape(trial["score"] is null ? $"failed: {trial["error"]}" : Text(trial["score"])),
                        Text(trial["seconds"]), Markup.Escape(trial["params"]?.ToJsonString() ?? ""));
                AnsiConsole.Write(table);
            }
            if (run.Curve is { Count: > 0 } curvePoints)
                foreach (var point in curvePoints.OfType<JsonObject>()) Console.WriteLine($"  curve: {point.ToJsonString()}");
            return 0;
        });
        runs.Subcommands.Add(show);

        var compareProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var a = new Argument<long>("A") { Description = "The first run's id" };
        var b = new Argument<long>("B") { Description = "The second run's id" };
        var compareJson = new Option<bool>("--json") { Description = "Print JSON (as GET /api/v1/projects/{p}/runs/compare?a=&b=)" };
        var compare = new Command("compare", "Two runs side by side: metrics with b − a, parameters that differ.") { compareProject, a, b, compareJson };
        compare.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(compareProject)!, ct);
            var comparison = RunShapes.Compare(await bench.Store.Runs.GetAsync(target.Id, result.GetValue(a), ct),
                await bench.Store.Runs.GetAsync(target.Id, result.GetValue(b), ct));
            if (result.GetValue(compareJson))
            {
                Console.WriteLine(comparison.ToJsonString(ApiJson.Options));
                return 0;
            }
            var metrics = new Table().AddColumns("metric", $"run {result.GetValue(a)}", $"run {result.GetValue(b)}", "delta");
            foreach (var row in comparison["metrics"]!.AsArray().OfType<JsonObject>())
                metrics.AddRow(Markup.Escape(Text(row["name"])), Text(row["a"]), Text(row["b"]), Text(row["delta"]));
            AnsiConsole.Write(metrics);
            var parameters = new Table().AddColumns("parameter", $"run {result.GetValue(a)}", $"run {result.GetValue(b)}");
            foreach (var row in comparison["params"]!.AsArray().OfType<JsonObject>().Where(r => r["differs"]?.GetValue<bool>() == true))
                parameters.AddRow(Markup.Escape(Text(row["name"])), Markup.Escape(row["a"]?.ToJsonString() ?? "-"), Markup.Escape(row["b"]?.ToJsonString() ?? "-"));
            if (parameters.Rows.Count > 0) AnsiConsole.Write(parameters);
            else Console.WriteLine("Both runs used the same parameters.");
            return 0;
        });
        runs.Subcommands.Add(compare);
        return runs;
    }

    private static string Headlines(JsonObject metrics)
    {
        var shown = HeadlineMetrics.Where(metrics.ContainsKey).Select(n => $"{n} {Text(metrics[n])}").ToList();
        return shown.Count == 0 ? "-" : string.Join(", ", shown);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue v when v.TryGetValue<double>(out var d) => d == Math.Floor(d) && Math.Abs(d) < 1e9
            ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("0.0000", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
