using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Evaluation.Spans;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Laoshi.NerBench;

// The ner trainer on a CoNLL file's sentences: train on a seeded share, score the rest with exact-match span
// precision/recall/F1 (Laoshi.Evaluation's SpanMetrics), then k-fold cross-validation for a steadier figure (small
// files vary a lot with the split). Prints one JSON document; progress goes to stderr.
//   dotnet Laoshi.NerBench.dll FILE [--seed N] [--test-share 0.2] [--folds K] [--gold-column 2] [--predicted-column 3] [--param k=v]...
var file = args[0];
var seed = Option("--seed", 1);
var testShare = double.Parse(Text("--test-share", "0.2"), CultureInfo.InvariantCulture);
var folds = Option("--folds", 5);
var goldColumn = Option("--gold-column", 2);
var predictedColumn = Option("--predicted-column", 3);
var pairs = args.Select((a, i) => (a, i)).Where(x => x.a == "--param" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
int Option(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
string Text(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
void Say(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

var ct = CancellationToken.None;
var sentences = await ConllSentences.ReadAsync(file, goldColumn, predictedColumn, ct);
var bySentence = sentences.ToDictionary(s => s.Example.Id);
var examples = sentences.Select(s => s.Example).ToList();
var types = examples.SelectMany(e => e.Spans!).Select(s => s.Label).Distinct().Order(StringComparer.Ordinal).ToList();
var all = new TrainingSet(examples, types, MultiLabel: false, DataField: "text", new ModelTarget("label", "text"));
var trainer = TrainerCatalog.CreateDefault().Get("ner");
var parameters = ParameterValues.Parse(pairs, trainer.Parameters);
var context = new TrainingContext(seed, new FileMediaSource(Path.GetTempPath()), "bench");
Say($"{sentences.Count} sentences, {sentences.Sum(s => s.Tokens)} tokens, {examples.Sum(e => e.Spans!.Count)} spans of {types.Count} types");

// Held-out split.
var (train, test) = DataSplit.Holdout(examples, testShare, seed);
var clock = Stopwatch.StartNew();
await using var model = await trainer.TrainAsync(all.With(train), parameters, context, ct);
var trainSeconds = clock.Elapsed.TotalSeconds;
var inputs = test.Select(e => new ModelInput(e.Id, e.Data)).ToList();
var answers = await model.PredictAsync(inputs, ct);
// The rate is timed after that first (JIT-warming) pass, over enough repeats to last a moment.
var repeats = Math.Max(1, 20_000 / Math.Max(1, test.Sum(e => bySentence[e.Id].Tokens)));
clock.Restart();
for (var r = 0; r < repeats; r++) await model.PredictAsync(inputs, ct);
var predictSeconds = clock.Elapsed.TotalSeconds / repeats;
var holdout = SpanMetrics.Compute(test.Zip(answers, (e, a) => Case(e, Predicted(a))));
var fileColumn = sentences[0].FilePredicted.Count > 0 || sentences.Any(s => s.FilePredicted.Count > 0)
    ? SpanMetrics.Compute(test.Select(e => Case(e, bySentence[e.Id].FilePredicted.Select(s => new LabeledSpan(s.Label, s.Start, s.End)).ToList())))
    : null;
var testTokens = test.Sum(e => bySentence[e.Id].Tokens);
Say($"held out {test.Count} sentences: span F1 {holdout.F1:F3}, trained in {trainSeconds:F2} s");

// Cross-validation.
var foldF1 = new List<double>();
var foldCases = new List<SpanCase>();
foreach (var (foldTrain, foldTest) in DataSplit.KFold(examples, folds, seed))
{
    await using var foldModel = await trainer.TrainAsync(all.With(foldTrain), parameters, context, ct);
    var foldAnswers = await foldModel.PredictAsync([.. foldTest.Select(e => new ModelInput(e.Id, e.Data))], ct);
    var cases = foldTest.Zip(foldAnswers, (e, a) => Case(e, Predicted(a))).ToList();
    foldCases.AddRange(cases);
    foldF1.Add(SpanMetrics.Compute(cases).F1);
}
var pooled = SpanMetrics.Compute(foldCases);
Say($"{folds}-fold cross-validation: span F1 {pooled.F1:F3} pooled, {foldF1.Average():F3} mean of folds");

var result = new JsonObject
{
    ["trainer"] = trainer.Name,
    ["file"] = Path.GetFullPath(file),
    ["sentences"] = sentences.Count,
    ["tokens"] = sentences.Sum(s => s.Tokens),
    ["spans"] = examples.Sum(e => e.Spans!.Count),
    ["types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
    ["seed"] = seed,
    ["params"] = parameters.ToJson(),
    ["holdout"] = new JsonObject
    {
        ["train_sentences"] = train.Count,
        ["test_sentences"] = test.Count,
        ["test_share"] = testShare,
        ["precision"] = holdout.Precision,
        ["recall"] = holdout.Recall,
        ["f1"] = holdout.F1,
        ["metrics"] = holdout.ToJson(),
        ["file_predicted_column_f1"] = fileColumn?.F1,
        ["train_seconds"] = Math.Round(trainSeconds, 3),
        ["predict_tokens_per_second"] = Math.Round(testTokens / Math.Max(predictSeconds, 1e-9)),
    },
    ["cross_validation"] = new JsonObject
    {
        ["folds"] = folds,
        ["f1_pooled"] = pooled.F1,
        ["precision_pooled"] = pooled.Precision,
        ["recall_pooled"] = pooled.Recall,
        ["f1_mean"] = foldF1.Average(),
        ["f1_per_fold"] = new JsonArray([.. foldF1.Select(f => (JsonNode)Math.Round(f, 4))]),
    },
};
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

static SpanCase Case(TrainingExample example, IReadOnlyList<LabeledSpan> predicted) =>
    new(example.Id, [.. example.Spans!.Select(s => new LabeledSpan(s.Label, s.Start, s.End))], predicted);

static List<LabeledSpan> Predicted(ModelAnswer answer) =>
    [.. answer.Regions.Select(r => new LabeledSpan(r.Labels[0], r.Start!.Value, r.End!.Value))];
