using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Bench;

// Laoshi's benchmarks: each measurement drives the built `laoshi` command as a child process and reports a
// JSON object; the whole document goes to stdout and to bench/out/results.json. Progress goes to stderr.
var repositoryRoot = FindRepositoryRoot();
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, repositoryRoot);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (!File.Exists(options.CliPath))
{
    Console.Error.WriteLine($"the laoshi command is not built at {options.CliPath}; bench/run.sh builds it");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var root = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"laoshi-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(root);
var document = new JsonObject
{
    ["started_at"] = DateTimeOffset.UtcNow.ToString("O"),
    ["mode"] = options.Quick ? "quick" : "full",
    ["machine"] = new JsonObject
    {
        ["processors"] = Environment.ProcessorCount,
        ["load_average"] = MachineLoad.OneMinute(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["dotnet"] = Environment.Version.ToString(),
    },
    ["parameters"] = new JsonObject
    {
        ["items"] = options.Items,
        ["label_studio_mb"] = options.LabelStudioMegabytes,
        ["clients"] = options.Clients,
        ["duration_seconds"] = options.DurationSeconds,
        ["warmup_seconds"] = options.WarmupSeconds,
    },
};
var measurements = new JsonObject();
document["measurements"] = measurements;
var failed = false;
var total = Stopwatch.StartNew();
using (var workspace = new Workspace(options, root))
{
    // The import leaves its data folder for the load measurement, so the load runs right after it.
    (string Name, Func<Workspace, CancellationToken, Task<JsonObject>> Run)[] all =
    [
        ("import", ImportBenchmark.RunAsync),
        ("load", LoadBenchmark.RunAsync),
        ("export", ExportBenchmark.RunAsync),
        ("labelstudio", LabelStudioImportBenchmark.RunAsync),
    ];
    foreach (var (name, run) in all.Where(m => options.Runs(m.Name)))
    {
        JsonObject result;
        var loadBefore = MachineLoad.OneMinute();
        try
        {
            result = await run(workspace, cancel.Token);
            result["load_average_before"] = loadBefore;
            result["load_average_after"] = MachineLoad.OneMinute();
        }
        catch (Exception e) when (e is BenchmarkFailedException or IOException or HttpRequestException)
        {
            failed = true;
            result = new JsonObject { ["error"] = e.Message, ["target_met"] = false };
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        measurements[name] = result;
        Console.Error.WriteLine($"{name}: {result.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");
    }
}
document["total_seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1);
document["all_targets_met"] = measurements.All(m => m.Value?["target_met"]?.GetValue<bool>() == true);

var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
Directory.CreateDirectory(Path.GetDirectoryName(options.OutputFile)!);
await File.WriteAllTextAsync(options.OutputFile, text + "\n");
Console.WriteLine(text);
Console.Error.WriteLine($"[bench] saved to {options.OutputFile}");
return failed ? 1 : 0;

// The repository root holds Laoshi.slnx; the bench runs from anywhere inside it (or from its build output).
static string FindRepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Laoshi.slnx"))) return dir.FullName;
        }
    }
    return Environment.CurrentDirectory;
}
