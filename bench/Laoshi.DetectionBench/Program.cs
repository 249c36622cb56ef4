using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.DetectionBench;
using Laoshi.Evaluation.Detection;

// Usage: Laoshi.DetectionBench WORK_DIR PYTHON REFERENCE_SCRIPT [--images N] [--boxes N] [--per-image N] [--seed N]
// Prints one JSON document: sizes, file→result and in-process times for COCO and VOC evaluation, and pycocotools on the
// same files when it is installed.
var work = args[0];
var python = args[1];
var referenceScript = args[2];
int images = 5000, boxes = 36000, perImage = 100, seed = 20261129;
for (var i = 3; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--images": images = value; break;
        case "--boxes": boxes = value; break;
        case "--per-image": perImage = value; break;
        case "--seed": seed = value; break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

var cancel = CancellationToken.None;
var truthPath = Path.Combine(work, "truth.json");
var detectionsPath = Path.Combine(work, "detections.json");
Console.Error.WriteLine($"detection bench: writing {images} images, {boxes} truth boxes, {perImage} detections per image...");
await SyntheticCoco.WriteAsync(truthPath, detectionsPath, images, boxes, perImage, seed, cancel);

// A small warm-up so that the timed runs measure the algorithm, not the JIT.
var warmTruth = await CocoFiles.ReadTruthAsync(truthPath, cancel);
var warmDetections = await CocoFiles.ReadDetectionsAsync(detectionsPath, warmTruth, cancel);
CocoEvaluation.Evaluate(warmTruth.Boxes.Take(500).ToList(), warmDetections.Take(5000).ToList());
warmTruth = null;
warmDetections = null;
GC.Collect();

Console.Error.WriteLine("detection bench: COCO, file to result...");
var clock = Stopwatch.StartNew();
var cpuAtStart = CpuSeconds();
var truth = await CocoFiles.ReadTruthAsync(truthPath, cancel);
var detections = await CocoFiles.ReadDetectionsAsync(detectionsPath, truth, cancel);
var readSeconds = clock.Elapsed.TotalSeconds;
var readCpu = CpuSeconds() - cpuAtStart;
var coco = CocoEvaluation.Evaluate(truth.Boxes, detections);
var fileToResult = clock.Elapsed.TotalSeconds;
var fileToResultCpu = CpuSeconds() - cpuAtStart;

var computeRuns = new List<double>();
var computeCpu = new List<double>();
for (var run = 0; run < 3; run++)
{
    clock.Restart();
    var cpu = CpuSeconds();
    CocoEvaluation.Evaluate(truth.Boxes, detections);
    computeRuns.Add(clock.Elapsed.TotalSeconds);
    computeCpu.Add(CpuSeconds() - cpu);
}

Console.Error.WriteLine("detection bench: VOC at IoU 0.5...");
clock.Restart();
var voc = VocEvaluation.Evaluate(truth.Boxes, detections);
var vocSeconds = clock.Elapsed.TotalSeconds;

Console.Error.WriteLine("detection bench: pycocotools on the same files (if installed)...");
var reference = await RunReferenceAsync(python, referenceScript, truthPath, detectionsPath);

var result = new JsonObject
{
    ["benchmark"] = "detection",
    ["images"] = images,
    ["truth_boxes"] = truth.Boxes.Count,
    ["detections"] = detections.Count,
    ["processors"] = Environment.ProcessorCount,
    ["coco"] = new JsonObject
    {
        ["file_to_result_s"] = Round(fileToResult),
        ["read_files_s"] = Round(readSeconds),
        ["compute_s_median_of_3"] = Round(computeRuns.Order().ElementAt(1)),
        // CPU seconds of this process (all threads): on a shared, busy machine wall time also counts the waiting.
        ["file_to_result_cpu_s"] = Round(fileToResultCpu),
        ["read_files_cpu_s"] = Round(readCpu),
        ["compute_cpu_s_median_of_3"] = Round(computeCpu.Order().ElementAt(1)),
        ["load_average_1m"] = LoadAverage(),
        ["goal_s"] = 5,
        ["met"] = fileToResult <= 5,
        ["AP"] = coco.Figures.AP,
        ["AP50"] = coco.Figures.AP50,
        ["AR100"] = coco.Figures.AR100,
        ["peak_working_set_mb"] = Environment.WorkingSet / (1024 * 1024),
    },
    ["voc"] = new JsonObject { ["compute_s"] = Round(vocSeconds), ["mAP"] = voc.MAP },
    ["reference"] = reference,
};
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

static double Round(double seconds) => Math.Round(seconds, 3);

static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static double? LoadAverage() =>
    File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : null;

static async Task<JsonNode?> RunReferenceAsync(string python, string script, string truthPath, string detectionsPath)
{
    var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { script, truthPath, detectionsPath }) start.ArgumentList.Add(argument);
    try
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = (await output).Trim();
        if (process.ExitCode != 0 || text.Length == 0)
            return new JsonObject { ["available"] = false, ["why"] = (await error).Trim().Split('\n').LastOrDefault() ?? "failed" };
        return JsonNode.Parse(text);
    }
    catch (System.ComponentModel.Win32Exception e)
    {
        return new JsonObject { ["available"] = false, ["why"] = e.Message };
    }
}
