using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Learning.Active;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi simulate active-learning`: replays labelling of a fully labelled JSONL file with one strategy and prints the
/// learning curve (labels used → held-out accuracy and macro F1), so strategies can be compared before people label.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "Replay work on a labelled file to see what a way of working would have given.");
        command.Subcommands.Add(ActiveLearning());
        return command;
    }

    private static Command ActiveLearning()
    {
        var data = new Option<string>("--data") { Description = "JSONL file, one {\"id\", \"text\"|\"image\"|\"audio\", \"label\"} a line", Required = true };
        var trainer = new Option<string>("--trainer") { Description = "Trainer name (see `laoshi trainers`)", Required = true };
        var strategy = new Option<string>("--strategy") { Description = string.Join("|", SamplingStrategies.All), Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the first labels and every random pick", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Labels revealed per round", DefaultValueFactory = _ => 50 };
        var budget = new Option<int>("--budget") { Description = "Labels in all, the initial ones included", DefaultValueFactory = _ => 500 };
        var initial = new Option<int?>("--initial") { Description = "Seeded random labels to start from (default: the batch size)" };
        var testShare = new Option<double>("--test-share") { Description = "Share held out to measure the curve on", DefaultValueFactory = _ => 0.2 };
        var randomShare = new Option<double>("--random-share") { Description = "Share of each batch picked at random instead (0..1)", DefaultValueFactory = _ => 0 };
        var parameters = new Option<string[]>("--param") { Description = "Trainer parameter name=value; repeatable", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print {\"curve\": [{\"labels\", \"accuracy\", \"f1_macro\"}, ...]}" };
        var command = new Command("active-learning",
            "Replay labelling of a labelled file: hold out a test part, start from a few random labels, and let the strategy pick each next batch; prints the learning curve.")
            { data, trainer, strategy, seed, batch, budget, initial, testShare, randomShare, parameters, json };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(data)!;
            var set = await TrainingFile.ReadAsync(path, ct);
            var chosen = TrainerCatalog.CreateDefault().Get(result.GetValue(trainer)!);
            var values = ParameterValues.Parse(result.GetValue(parameters) ?? [], chosen.Parameters);
            var options = new SimulationOptions(result.GetValue(strategy)!, result.GetValue(seed), result.GetValue(batch), result.GetValue(budget),
                result.GetValue(initial) ?? result.GetValue(batch), result.GetValue(testShare), result.GetValue(randomShare)).Checked();
            var media = new FileMediaSource(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var simulation = new ActiveLearningSimulation(chosen, values, new TrainingContext(options.Seed, media));
            var curve = await WithProgressAsync(options, set.Examples.Count, progress => simulation.RunAsync(set, options, progress, ct));
            if (result.GetValue(json))
            {
                Console.WriteLine(ToJson(chosen.Name, options, curve).ToJsonString());
                return 0;
            }
            Console.WriteLine($"{chosen.Name}, {options.Strategy}: labels → held-out accuracy, macro F1");
            foreach (var point in curve)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {point.Labels,6}  {point.Accuracy:0.0000}  {point.F1Macro:0.0000}"));
            return 0;
        });
        return command;
    }

    private static JsonObject ToJson(string trainer, SimulationOptions options, IReadOnlyList<CurvePoint> curve) => new()
    {
        ["trainer"] = trainer,
        ["strategy"] = options.Strategy,
        ["seed"] = options.Seed,
        ["batch"] = options.Batch,
        ["budget"] = options.Budget,
        ["initial"] = options.Initial,
        ["random_share"] = options.RandomShare,
        ["curve"] = new JsonArray([.. curve.Select(p => (JsonNode)new JsonObject
        {
            ["labels"] = p.Labels,
            ["accuracy"] = p.Accuracy,
            ["f1_macro"] = p.F1Macro,
            ["train_seconds"] = Math.Round(p.TrainSeconds, 3),
        })]),
    };

    private static async Task<IReadOnlyList<CurvePoint>> WithProgressAsync(
        SimulationOptions options, int examples, Func<IProgress<CurvePoint>?, Task<IReadOnlyList<CurvePoint>>> run)
    {
        if (Console.IsErrorRedirected) return await run(null);
        var budget = Math.Min(options.Budget, (int)(examples * (1 - options.TestShare)));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{Markup.Escape(options.Strategy)}: training", maxValue: Math.Max(1, budget));
                var progress = new Progress<CurvePoint>(p =>
                {
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(options.Strategy)}: {p.Labels} labels, accuracy {p.Accuracy:0.000}");
                    task.Value = p.Labels;
                });
                var curve = await run(progress);
                task.Value = task.MaxValue;
                return curve;
            });
    }
}
