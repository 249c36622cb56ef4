using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Evaluation.Classification;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Laoshi.TrainingBench;

// Every text classifier in TrainerCatalog.CreateDefault() (with its defaults, and once per choice of a "learner"
// parameter) on the public sentiment sentences: 20 % held out (stratified, seed 1), trained on the rest; prints the
// held-out accuracy and macro F1 with Laoshi.Evaluation's names, training seconds and predictions per second as JSON.
//   dotnet Laoshi.TrainingBench.dll DATASET_FOLDER [--trainer NAME]... [--param name=value]... [--seed N] [--test-share F]
var folder = args[0];
var seed = int.Parse(Option("--seed") ?? "1", CultureInfo.InvariantCulture);
var testShare = double.Parse(Option("--test-share") ?? "0.2", CultureInfo.InvariantCulture);
var only = Options("--trainer");
var given = Options("--param");
var ct = CancellationToken.None;
void Say(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

var data = await SentimentData.ReadAsync(folder, ct);
var (train, test) = DataSplit.Holdout(data.Examples, testShare, seed);
var inputs = test.Select(e => new ModelInput(e.Id, e.Data)).ToList();
var results = new JsonArray();
foreach (var trainer in TrainerCatalog.CreateDefault().All.Where(t => t.Task == TrainerTasks.TextClassification))
{
    if (only.Count > 0 && !only.Contains(trainer.Name)) continue;
    var learners = trainer.Parameters.FirstOrDefault(p => p.Name == "learner" && p.Choices is not null)?.Choices;
    IEnumerable<string[]> variants = learners is null || given.Any(g => g.StartsWith("learner=", StringComparison.Ordinal))
        ? [[.. given]]
        : learners.Select(l => (string[])[$"learner={l}", .. given]);
    foreach (var variant in variants)
    {
        var parameters = ParameterValues.Parse(variant, trainer.Parameters);
        Say($"{trainer.Name} {string.Join(' ', variant)}: training on {train.Count} sentences");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using var model = await trainer.TrainAsync(data.With(train), parameters, new TrainingContext(seed, new FileMediaSource(folder)), ct);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        // CPU seconds beside wall seconds: on a shared machine the wall clock mostly measures the neighbours.
        var trainCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        await model.PredictAsync(inputs.Take(8).ToList(), ct); // first call pays for JIT and lazy set-up
        clock.Restart();
        var answers = new List<ModelAnswer>(inputs.Count);
        foreach (var batch in inputs.Chunk(64)) answers.AddRange(await model.PredictAsync(batch, ct));
        var predictSeconds = clock.Elapsed.TotalSeconds;
        var report = ClassificationMetrics.Compute(test.Zip(answers).Select(p => new ClassificationCase(
            p.First.Id, p.First.Labels, [.. p.Second.Regions.SelectMany(r => r.Labels)], p.Second.ClassScores)));
        Say($"{trainer.Name}: accuracy {report.Accuracy:F4}, f1_macro {report.Macro.F1:F4}, {trainSeconds:F1} s");
        results.Add(new JsonObject
        {
            ["trainer"] = trainer.Name,
            ["params"] = parameters.ToJson(),
            ["accuracy"] = Math.Round(report.Accuracy, 4),
            ["f1_macro"] = Math.Round(report.Macro.F1, 4),
            ["roc_auc_macro"] = report.RocAucMacro is { } auc ? Math.Round(auc, 4) : null,
            ["train_seconds"] = Math.Round(trainSeconds, 2),
            ["train_cpu_seconds"] = Math.Round(trainCpuSeconds, 2),
            ["predictions_per_second"] = Math.Round(inputs.Count / predictSeconds, 0),
        });
    }
}

var output = new JsonObject
{
    ["dataset"] = "UCI sentiment labelled sentences (amazon, imdb, yelp)",
    ["examples"] = data.Examples.Count,
    ["train"] = train.Count,
    ["test"] = test.Count,
    ["seed"] = seed,
    ["test_share"] = testShare,
    ["cores"] = Environment.ProcessorCount,
    ["load_average"] = LoadAverage(),
    ["trainers"] = results,
};
Console.WriteLine(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

List<string> Options(string name) => [.. args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1])];

// Figures from a busy machine mean little without how busy it was.
static double? LoadAverage() =>
    File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : null;
