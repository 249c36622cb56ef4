using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Quality;

// Quality benchmark: generates seeded ratings (default 100,000 items × 10 labels from 1,000 annotators, 10 classes),
// times Laoshi's Dawid–Skene and Krippendorff's alpha on them, then the Python references on the same file.
// usage: Laoshi.QualityBench WORK_DIR PYTHON REFERENCE_SCRIPT [--items N] [--nltk-items N] [--laoshi-only]
var work = args[0];
var python = args[1];
var script = args[2];
var items = Option("--items", 100_000);
var nltkItems = Option("--nltk-items", 2_000);
const int Annotators = 1_000, Classes = 10, PerItem = 10;
Directory.CreateDirectory(work);
var file = Path.Combine(work, "ratings.jsonl");
var subset = Path.Combine(work, "ratings-subset.jsonl");

Console.Error.WriteLine($"quality bench: writing {items * PerItem:N0} labels to {file}");
Generate(file, subset, items, nltkItems);

var document = new JsonObject
{
    ["machine"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["dotnet"] = Environment.Version.ToString() },
    ["data"] = new JsonObject { ["labels"] = items * PerItem, ["items"] = items, ["annotators"] = Annotators, ["classes"] = Classes, ["seed"] = 42 },
};

var clock = Stopwatch.StartNew();
var table = await RatingFile.ReadAsync(file);
var readSeconds = clock.Elapsed.TotalSeconds;

// Warm up the JIT on a small table so the timings are of the algorithms, as a long-running server sees them.
var warm = await RatingFile.ReadAsync(subset);
DawidSkene.Compute(warm);
KrippendorffAlpha.Compute(warm);

clock.Restart();
var ds = DawidSkene.Compute(table);
var dsSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
var alpha = KrippendorffAlpha.Compute(table);
var alphaSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
var majority = MajorityVote.Compute(table);
var majoritySeconds = clock.Elapsed.TotalSeconds;
var truth = File.ReadAllLines(Path.Combine(work, "truth.txt"));
double Accuracy(ConsensusResult r) => r.Labels().Select((l, i) => l.Label == truth[i] ? 1.0 : 0.0).Average();

document["laoshi"] = new JsonObject
{
    ["read_jsonl_seconds"] = Round(readSeconds),
    ["dawid_skene_seconds"] = Round(dsSeconds),
    ["dawid_skene_iterations"] = ds.Iterations,
    ["dawid_skene_converged"] = ds.Converged,
    ["dawid_skene_accuracy"] = Round(Accuracy(ds)),
    ["majority_vote_seconds"] = Round(majoritySeconds),
    ["majority_vote_accuracy"] = Round(Accuracy(majority)),
    ["krippendorff_nominal_seconds"] = Round(alphaSeconds),
    ["krippendorff_nominal_alpha"] = alpha,
    ["targets"] = new JsonObject { ["dawid_skene_max_seconds"] = 10, ["krippendorff_max_seconds"] = 2 },
    ["targets_met"] = dsSeconds <= 10 && alphaSeconds <= 2,
};

if (args.Contains("--laoshi-only"))
{
    Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

Console.Error.WriteLine("quality bench: numpy Dawid–Skene reference on the same file...");
var reference = RunPython("dawid-skene", file, ds.Iterations.ToString(CultureInfo.InvariantCulture));
var referenceLabels = reference["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
var same = ds.Labels().Select((l, i) => l.Label == referenceLabels[i] ? 1.0 : 0.0).Average();
reference.Remove("labels");
reference["same_labels_as_laoshi"] = Round(same);
document["python_numpy_dawid_skene"] = reference;

Console.Error.WriteLine($"quality bench: NLTK alpha on the first {nltkItems:N0} items, extrapolated...");
var nltk = RunPython("alpha", subset, "");
var subsetAlpha = KrippendorffAlpha.Compute(await RatingFile.ReadAsync(subset));
var nltkSeconds = nltk["alpha_seconds"]!.GetValue<double>();
nltk["items"] = nltkItems;
nltk["laoshi_alpha_same_subset"] = subsetAlpha;
nltk["difference"] = Math.Abs(subsetAlpha - nltk["alpha"]!.GetValue<double>());
nltk["extrapolated_full_seconds"] = Round(nltkSeconds * items / nltkItems);
document["python_nltk_alpha"] = nltk;
document["speedup"] = new JsonObject
{
    ["dawid_skene"] = Round(reference["dawid_skene_seconds"]!.GetValue<double>() / dsSeconds),
    ["krippendorff_nominal_vs_extrapolated_nltk"] = Round(nltkSeconds * items / nltkItems / alphaSeconds),
};
Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
return 0;

JsonObject RunPython(string what, string path, string extra)
{
    var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
    foreach (var a in new[] { script, what, path, extra }) if (a.Length > 0) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{python} {script} {what} failed (exit {process.ExitCode})");
    return JsonNode.Parse(output)!.AsObject();
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Round(double value) => Math.Round(value, 4);

// Annotators differ: accuracy drawn from 0.2–0.95, a tenth of them adversarial (they answer the next class).
static void Generate(string path, string subsetPath, int items, int subsetItems)
{
    var random = new Random(42);
    var accuracy = new double[Annotators];
    var adversarial = new bool[Annotators];
    for (var a = 0; a < Annotators; a++)
    {
        accuracy[a] = 0.2 + 0.75 * random.NextDouble();
        adversarial[a] = random.NextDouble() < 0.1;
    }
    using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
    using var subsetWriter = new StreamWriter(subsetPath, false, new System.Text.UTF8Encoding(false), 1 << 16);
    using var truthWriter = new StreamWriter(Path.Combine(Path.GetDirectoryName(path)!, "truth.txt"));
    var chosen = new HashSet<int>();
    for (var i = 0; i < items; i++)
    {
        var truth = random.Next(Classes);
        truthWriter.WriteLine($"class{truth}");
        chosen.Clear();
        while (chosen.Count < PerItem) chosen.Add(random.Next(Annotators));
        foreach (var a in chosen.Order())
        {
            var right = adversarial[a] ? (truth + 1) % Classes : truth;
            var label = random.NextDouble() < accuracy[a] ? right : random.Next(Classes);
            var line = $$"""{"item":"i{{i}}","annotator":"a{{a}}","label":"class{{label}}"}""";
            writer.WriteLine(line);
            if (i < subsetItems) subsetWriter.WriteLine(line);
        }
    }
}
