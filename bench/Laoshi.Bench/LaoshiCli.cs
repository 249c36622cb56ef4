using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>Runs the built `laoshi` command (dotnet laoshi.dll) on one data folder, as a user would.</summary>
public sealed class LaoshiCli(string cliPath, string dataDirectory)
{
    // Bounds every child; a full-size step takes a minute or two, so this only stops a hang.
    public static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(30);

    public string DataDirectory => dataDirectory;

    public IReadOnlyList<string> Arguments(params string[] command) => [cliPath, "--data", dataDirectory, .. command];

    /// <summary>Runs a command measured; a failure is an error, never a figure.</summary>
    public async Task<MeasuredRun> RunAsync(CancellationToken cancellationToken, params string[] command) =>
        (await ChildProcess.RunAsync("dotnet", Arguments(command), StepLimit, cancellationToken)).EnsureSucceeded();

    public ChildProcess Start(params string[] command) => ChildProcess.Start("dotnet", Arguments(command));

    public async Task CreateProjectAsync(string name, string labelingConfig, CancellationToken cancellationToken)
    {
        var schemaFile = Path.Combine(dataDirectory, "..", $"{name}-config.xml");
        await File.WriteAllTextAsync(schemaFile, labelingConfig, cancellationToken);
        await RunAsync(cancellationToken, "project", "create", name, "--schema", Path.GetFullPath(schemaFile));
    }

    /// <summary>The project's counts (`laoshi stats --json`), to check that a step really did what was measured.</summary>
    public async Task<JsonObject> StatsAsync(string project, CancellationToken cancellationToken)
    {
        var run = await RunAsync(cancellationToken, "stats", project, "--json");
        return LastJsonObject(run.OutputTail) ?? throw new BenchmarkFailedException($"`laoshi stats {project} --json` printed no JSON:\n{run.OutputTail}");
    }

    /// <summary>The JSON object a command printed last (it may span several lines when indented).</summary>
    public static JsonObject? LastJsonObject(string output)
    {
        for (var start = output.LastIndexOf('{'); start >= 0; start = start == 0 ? -1 : output.LastIndexOf('{', start - 1))
        {
            var end = output.LastIndexOf('}');
            if (end <= start) continue;
            try
            {
                if (JsonNode.Parse(output[start..(end + 1)]) is JsonObject found) return found;
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the outermost brace yet: keep looking further back.
            }
        }
        return null;
    }
}
