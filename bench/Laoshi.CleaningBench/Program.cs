using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Cleaning;
using Laoshi.CleaningBench;

// Cleaning benchmark: exact + near-duplicate detection over N seeded short texts (default 1,000,000; goal ≤ 60 s on
// two cores), the near-duplicate recall against a brute-force check of every pair in a contiguous sample (default
// 20,000 texts; goal ≥ 0.95 at the threshold), and PII precision/recall on a generated labelled set. Prints JSON.
// usage: Laoshi.CleaningBench [--texts N] [--sample N] [--threshold T] [--hashes K] [--pii N] [--seed S]
var texts = Option("--texts", 1_000_000);
var sampleSize = Math.Min(texts, Option("--sample", 20_000));
var threshold = double.Parse(OptionText("--threshold", "0.8"), CultureInfo.InvariantCulture);
var hashes = Option("--hashes", 64);
var piiCount = Option("--pii", 20_000);
var seed = Option("--seed", 42);

var loadBefore = LoadAverage();
Console.Error.WriteLine($"clean bench: generating {texts:N0} texts (seed {seed})");
var clock = Stopwatch.StartNew();
var corpus = BenchTexts.Make(texts, seed);
var generateSeconds = clock.Elapsed.TotalSeconds;
var ids = Enumerable.Range(0, corpus.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
var options = new NearDuplicateOptions { HashCount = hashes };

// Warm the JIT on a small run so the timings are of the algorithms, as a long-running server sees them.
{
    var warmExact = new ExactDuplicateIndex();
    var warmNear = new NearDuplicateIndex(options);
    warmExact.AddTexts(Enumerable.Range(0, 5_000).Select(i => (ids[i], corpus[i])));
    warmNear.AddRange(Enumerable.Range(0, 5_000).Select(i => (ids[i], corpus[i])));
    warmNear.Clusters(threshold);
}

Console.Error.WriteLine("clean bench: exact duplicates (normalised text, SHA-256)");
clock.Restart();
var cpu = Cpu();
var exact = new ExactDuplicateIndex();
exact.AddTexts(Enumerable.Range(0, corpus.Count).Select(i => (ids[i], corpus[i])));
var exactSeconds = clock.Elapsed.TotalSeconds;
var exactCpu = Cpu() - cpu;

Console.Error.WriteLine($"clean bench: near duplicates at Jaccard ≥ {threshold} (MinHash {hashes} + LSH)");
clock.Restart();
cpu = Cpu();
var near = new NearDuplicateIndex(options);
near.AddRange(Enumerable.Range(0, corpus.Count).Select(i => (ids[i], corpus[i])));
var addSeconds = clock.Elapsed.TotalSeconds;
var addCpu = Cpu() - cpu;
clock.Restart();
cpu = Cpu();
var clusters = near.Clusters(threshold);
var clusterSeconds = clock.Elapsed.TotalSeconds;
var clusterCpu = Cpu() - cpu;
var totalSeconds = exactSeconds + addSeconds + clusterSeconds;
var peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;

Console.Error.WriteLine($"clean bench: brute force over every pair of the first {sampleSize:N0} texts");
clock.Restart();
var recall = BruteForce.Check(corpus, sampleSize, clusters, threshold, options);
var bruteSeconds = clock.Elapsed.TotalSeconds;

Console.Error.WriteLine($"clean bench: PII on {piiCount:N0} labelled texts");
var labelled = PiiSet.Make(piiCount, seed);
clock.Restart();
var found = labelled.Select(t => PiiScanner.Find(t.Text)).ToList();
var piiSeconds = clock.Elapsed.TotalSeconds;

var bands = BandsFor(threshold, hashes);
var document = new JsonObject
{
    ["machine"] = new JsonObject
    {
        ["processors"] = Environment.ProcessorCount,
        ["dotnet"] = Environment.Version.ToString(),
        ["load_average_before"] = loadBefore,
        ["load_average_after"] = LoadAverage(),
    },
    ["data"] = new JsonObject
    {
        ["texts"] = corpus.Count,
        ["average_length"] = Round(corpus.Average(t => t.Length)),
        ["seed"] = seed,
        ["generate_seconds"] = Round(generateSeconds),
    },
    ["exact"] = new JsonObject
    {
        ["seconds"] = Round(exactSeconds),
        ["cpu_seconds"] = Round(exactCpu),
        ["exact_duplicates"] = exact.DuplicateCount,
        ["groups"] = exact.Groups().Count,
    },
    ["near"] = new JsonObject
    {
        ["threshold"] = threshold,
        ["hash_count"] = hashes,
        ["shingle_size"] = options.ShingleSize,
        ["lsh_bands"] = bands.Bands,
        ["lsh_rows"] = bands.Rows,
        ["add_seconds"] = Round(addSeconds),
        ["add_cpu_seconds"] = Round(addCpu),
        ["cluster_seconds"] = Round(clusterSeconds),
        ["cluster_cpu_seconds"] = Round(clusterCpu),
        ["distinct_sets"] = near.DistinctCount,
        ["clusters"] = clusters.Count,
        ["items_in_clusters"] = clusters.Sum(c => c.Items.Count),
        ["largest_cluster"] = clusters.Count == 0 ? 0 : clusters[0].Items.Count,
    },
    ["total_seconds"] = Round(totalSeconds),
    // Processor time of the timed steps over both cores: what the steps cost whatever else runs on the machine.
    ["total_cpu_seconds"] = Round(exactCpu + addCpu + clusterCpu),
    ["peak_working_set_mb"] = Round(peakMegabytes),
    ["recall_check"] = new JsonObject
    {
        ["sample"] = sampleSize,
        ["pairs_compared"] = recall.PairsCompared,
        ["pairs_at_or_above_threshold"] = recall.TruePairs,
        ["pairs_found_in_one_cluster"] = recall.FoundPairs,
        ["recall"] = Round(recall.Recall),
        ["pairs_in_one_cluster"] = recall.ClusteredPairs,
        ["pair_precision"] = Round(recall.Precision),
        ["brute_force_seconds"] = Round(bruteSeconds),
    },
    ["pii"] = PiiScore.Report(labelled, found, piiSeconds),
    ["targets"] = new JsonObject { ["max_seconds"] = 60, ["min_recall"] = 0.95 },
    ["targets_met"] = totalSeconds <= 60 && recall.Recall >= 0.95,
};
Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
return 0;

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static double Round(double value) => Math.Round(value, 4);

static JsonArray LoadAverage()
{
    var parts = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
    return new JsonArray(parts.Take(3).Select(p => (JsonNode)double.Parse(p, CultureInfo.InvariantCulture)).ToArray());
}

// The same choice the index makes (LshBands is internal): the most rows keeping P(candidate | J = threshold) ≥ 0.99.
static (int Bands, int Rows) BandsFor(double threshold, int hashCount)
{
    var best = (hashCount, 1);
    for (var rows = 1; rows <= hashCount; rows++)
    {
        var bands = hashCount / rows;
        if (1 - Math.Pow(1 - Math.Pow(threshold, rows), bands) >= 0.99) best = (bands, rows);
        else break;
    }
    return best;
}
