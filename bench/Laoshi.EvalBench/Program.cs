using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.EvalBench;
using Laoshi.Evaluation.Classification;

// Classification metrics on N seeded predictions of K classes (with a probability per class): in process from arrays
// ("compute"), and from the two JSONL files ("file"), then scikit-learn on the same files. Prints one JSON document.
//   dotnet Laoshi.EvalBench.dll WORK PYTHON REFERENCE.py [--rows N] [--classes K] [--skip-python]
var work = args[0];
var python = args[1];
var reference = args[2];
var rows = Option("--rows", 10_000_000);
var classes = Option("--classes", 5);
var skipPython = args.Contains("--skip-python");
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
void Say(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

var labels = Enumerable.Range(0, classes).Select(k => $"class_{k}").ToArray();
var truth = new int[rows];
var predicted = new int[rows];
var scores = new double[(long)rows * classes];
var random = new Random(20261129);
for (var i = 0; i < rows; i++)
{
    // Skewed classes; the model is right about 70 % of the time and its probabilities lean its way.
    var t = Math.Min(classes - 1, (int)(Math.Pow(random.NextDouble(), 1.5) * classes));
    var p = random.NextDouble() < 0.7 ? t : random.Next(classes);
    double sum = 0;
    for (var k = 0; k < classes; k++)
    {
        var raw = random.NextDouble() + (k == p ? 2.0 : 0) + (k == t ? 0.5 : 0);
        scores[(long)i * classes + k] = raw;
        sum += raw;
    }
    for (var k = 0; k < classes; k++) scores[(long)i * classes + k] = Math.Round(scores[(long)i * classes + k] / sum, 4);
    truth[i] = t;
    predicted[i] = p;
}

Say($"writing {rows:N0} truth and prediction lines");
var truthPath = Path.Combine(work, "truth.jsonl");
var predPath = Path.Combine(work, "pred.jsonl");
var labelsOnlyPath = Path.Combine(work, "pred-labels.jsonl");
await using (var t = new StreamWriter(truthPath, false, new UTF8Encoding(false), 1 << 20))
await using (var p = new StreamWriter(predPath, false, new UTF8Encoding(false), 1 << 20))
await using (var l = new StreamWriter(labelsOnlyPath, false, new UTF8Encoding(false), 1 << 20))
{
    var line = new StringBuilder();
    for (var i = 0; i < rows; i++)
    {
        await t.WriteAsync($"{{\"item\":\"i{i}\",\"label\":\"{labels[truth[i]]}\"}}\n");
        await l.WriteAsync($"{{\"item\":\"i{i}\",\"label\":\"{labels[predicted[i]]}\"}}\n");
        line.Clear().Append(CultureInfo.InvariantCulture, $"{{\"item\":\"i{i}\",\"label\":\"{labels[predicted[i]]}\",\"scores\":{{");
        for (var k = 0; k < classes; k++)
            line.Append(CultureInfo.InvariantCulture, $"{(k > 0 ? "," : "")}\"{labels[k]}\":{scores[(long)i * classes + k]}");
        await p.WriteAsync(line.Append("}}\n"));
    }
}

var result = new JsonObject
{
    ["rows"] = rows,
    ["classes"] = classes,
    ["cores"] = Environment.ProcessorCount,
    ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
    ["truth_mb"] = Math.Round(new FileInfo(truthPath).Length / 1e6, 1),
    ["pred_mb"] = Math.Round(new FileInfo(predPath).Length / 1e6, 1),
};

var single = labels.Select(label => (IReadOnlyList<string>)[label]).ToArray();
// By label ids (LabelId once per class, then Add with spans): what a caller holding predictions in arrays does.
ClassificationReport Compute(bool withScores)
{
    var accumulator = new ClassificationAccumulator();
    var ids = labels.Select(accumulator.LabelId).ToArray();
    var scoreIds = withScores ? ids : [];
    for (var i = 0; i < rows; i++)
    {
        var row = withScores ? scores.AsSpan(i * classes, classes) : [];
        accumulator.Add(ids[truth[i]], ids[predicted[i]], scoreIds, row);
    }
    var build = Stopwatch.StartNew();
    var report = accumulator.Build();
    Say($"  of which Build (sorting the score columns, the ROC/PR walks): {build.Elapsed.TotalSeconds:0.000} s");
    return report;
}

// The same through Add(ClassificationCase): label names and a score dictionary per case (the general, slower entry).
ClassificationReport ComputeCases()
{
    var row = new ScoreRow(labels, scores);
    var accumulator = new ClassificationAccumulator();
    for (var i = 0; i < rows; i++)
    {
        row.Offset = i * classes;
        accumulator.Add(new ClassificationCase("i", single[truth[i]], single[predicted[i]], row));
    }
    return accumulator.Build();
}

var cpuSeconds = new JsonObject();
double Time(string name, Func<ClassificationReport> run, out ClassificationReport report)
{
    GC.Collect();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    report = run();
    var seconds = Math.Round(watch.Elapsed.TotalSeconds, 3);
    // On a shared machine the wall time says as much about the neighbours as about the code; CPU time is ours alone.
    var used = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 3);
    cpuSeconds[name] = used;
    Say($"{name}: {seconds} s wall, {used} s CPU");
    return seconds;
}

result["compute_labels_seconds"] = Time("compute, labels only", () => Compute(false), out var labelsOnly);
result["compute_scores_seconds"] = Time("compute, with scores", () => Compute(true), out var computed);
result["compute_scores_cases_seconds"] = Time("compute, with scores, by ClassificationCase", ComputeCases, out var byCases);
result["file_labels_seconds"] = Time("file → result, labels only",
    () => ClassificationFiles.ComputeAsync(truthPath, labelsOnlyPath).GetAwaiter().GetResult(), out var fromLabelsFile);
result["file_scores_seconds"] = Time("file → result, with scores",
    () => ClassificationFiles.ComputeAsync(truthPath, predPath).GetAwaiter().GetResult(), out var fromFile);
result["cpu_seconds"] = cpuSeconds;
result["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
result["laoshi"] = new JsonObject
{
    ["accuracy"] = fromFile.Accuracy,
    ["f1_macro"] = fromFile.Macro.F1,
    ["f1_weighted"] = fromFile.Weighted.F1,
    ["roc_auc_macro"] = fromFile.RocAucMacro,
    ["pr_auc_macro"] = fromFile.PrAucMacro,
    ["ece"] = fromFile.Ece,
};
result["file_equals_compute"] = Math.Abs(fromFile.Macro.F1 - computed.Macro.F1) < 1e-12 && fromFile.RocAucMacro == computed.RocAucMacro
    && byCases.RocAucMacro == computed.RocAucMacro && byCases.PrAucMacro == computed.PrAucMacro && byCases.Ece == computed.Ece
    && Math.Abs(fromLabelsFile.Macro.F1 - labelsOnly.Macro.F1) < 1e-12;

if (!skipPython)
{
    Say("scikit-learn on the same files (reading them is timed apart)");
    var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
    foreach (var a in new[] { reference, truthPath, predPath }) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var sklearn = JsonNode.Parse(output)!.AsObject();
    result["sklearn"] = sklearn;
    var compute = sklearn["compute_seconds"]!.GetValue<double>();
    result["speedup_compute"] = Math.Round(compute / result["compute_scores_seconds"]!.GetValue<double>(), 1);
    result["speedup_file"] = Math.Round((compute + sklearn["read_seconds"]!.GetValue<double>()) / result["file_scores_seconds"]!.GetValue<double>(), 1);
    result["same_figures"] = new[] { "accuracy", "f1_macro", "f1_weighted", "roc_auc_macro", "pr_auc_macro" }
        .All(name => Math.Abs(sklearn[name]!.GetValue<double>() - result["laoshi"]![name]!.GetValue<double>()) < 1e-9);
}
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
