using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>
/// 1. `laoshi import` of N plain text items (JSONL) into a fresh SQLite data folder, against Python's
/// sqlite3 executemany of the same rows: wall seconds and peak memory of both, and their ratio.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<JsonObject> RunAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var options = workspace.Options;
        var file = workspace.TextItemsFile();
        var cli = workspace.Cli("data-text");
        await cli.CreateProjectAsync(Workspace.TextProject, Schemas.Text, cancellationToken);

        Workspace.Log($"import: laoshi import of {options.Items:N0} items");
        var laoshi = await cli.RunAsync(cancellationToken, "import", Workspace.TextProject, file, "--format", "jsonl", "--json");
        var stats = await cli.StatsAsync(Workspace.TextProject, cancellationToken);
        var stored = stats["items"]?.GetValue<long>() ?? -1;
        if (stored != options.Items) throw new BenchmarkFailedException($"import stored {stored} items, expected {options.Items}");
        workspace.RememberTextData(cli.DataDirectory);

        Workspace.Log("import: python executemany reference");
        var database = workspace.PathFor("python-reference.db");
        var python = (await ChildProcess.RunAsync("python3", [options.PythonReference, file, database], LaoshiCli.StepLimit, cancellationToken))
            .EnsureSucceeded();
        var pythonSays = LaoshiCli.LastJsonObject(python.OutputTail);
        foreach (var leftover in new[] { database, database + "-wal", database + "-shm" }) workspace.Delete(leftover);

        var ratio = laoshi.Seconds / python.Seconds;
        var result = new JsonObject
        {
            ["items"] = options.Items,
            ["file_mb"] = MeasuredRun.Megabytes(new FileInfo(file).Length),
            ["laoshi"] = laoshi.ToJson(),
            ["items_per_second"] = Math.Round(options.Items / laoshi.Seconds),
            ["python_executemany"] = WithReported(python.ToJson(), pythonSays),
            ["ratio_laoshi_to_python"] = Math.Round(ratio, 2),
        };
        new Targets()
            .AtMost("laoshi.seconds", laoshi.Seconds, 30)
            .AtMost("laoshi.peak_rss_mb", laoshi.PeakRssMegabytes, 500)
            .AtMost("ratio_laoshi_to_python", ratio, 3)
            .WriteTo(result);
        return result;
    }

    // The script times its own insert loop too (without interpreter start-up); keep that figure beside the wall time.
    private static JsonObject WithReported(JsonObject measured, JsonObject? reported)
    {
        if (reported?["seconds"] is { } seconds) measured["seconds_reported_by_script"] = seconds.DeepClone();
        if (reported?["rows"] is { } rows) measured["rows"] = rows.DeepClone();
        return measured;
    }
}
