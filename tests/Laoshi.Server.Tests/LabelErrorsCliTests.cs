using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi label-errors --data FILE.jsonl` as a user runs it: the suspects in the JSON shape, and bad input named.</summary>
public sealed class LabelErrorsCliTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("laoshi-label-errors-cli-").FullName;

    private static readonly string[] Happy = ["delighted", "cheerful", "smiling", "laughing", "glad", "thrilled"];
    private static readonly string[] Sad = ["crying", "gloomy", "weeping", "miserable", "tearful", "heartbroken"];

    /// <summary>Runs the real program; --data here is the labelled file, so no data folder is appended.</summary>
    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliProcess.Program);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Suspects_come_ranked_in_the_documented_json_with_the_flipped_line_first()
    {
        var random = new Random(3);
        var lines = Enumerable.Range(0, 40).Select(i =>
        {
            var joy = i % 2 == 0;
            var words = Enumerable.Range(0, 3).Select(_ => (joy ? Happy : Sad)[random.Next(6)]);
            // Line 9 is sad by its words but labelled joy; it has no id, so its id is its line number.
            var label = joy || i == 9 ? "joy" : "sadness";
            return new JsonObject { ["text"] = $"she was {string.Join(' ', words)} today", ["label"] = label }.ToJsonString();
        });
        var file = Path.Combine(work, "feelings.jsonl");
        await File.WriteAllLinesAsync(file, lines, TestContext.Current.CancellationToken);

        var result = await RunAsync("label-errors", "--data", file, "--trainer", "text-ngram", "--folds", "4", "--seed", "1", "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var suspects = JsonNode.Parse(result.Output)!["suspects"]!.AsArray();
        var first = suspects[0]!.AsObject();
        Assert.Equal(9, first["id"]!.GetValue<int>());
        Assert.Equal(("joy", "sadness"), (first["given"]!.GetValue<string>(), first["suggested"]!.GetValue<string>()));
        Assert.InRange(first["score"]!.GetValue<double>(), 0.5, 1);
        Assert.Equal(["id", "given", "suggested", "score"], first.Select(p => p.Key));
    }

    [Fact]
    public async Task A_bad_line_and_an_unknown_trainer_are_named()
    {
        var file = Path.Combine(work, "bad.jsonl");
        await File.WriteAllTextAsync(file, "{\"text\": \"fine\", \"label\": \"a\"}\n{\"text\": \"no label\"}\n", TestContext.Current.CancellationToken);

        var bad = await RunAsync("label-errors", "--data", file, "--trainer", "text-ngram");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("line 2", bad.Error);
        Assert.Contains("label", bad.Error);

        var good = Path.Combine(work, "good.jsonl");
        await File.WriteAllTextAsync(good, "{\"text\": \"fine\", \"label\": \"a\"}\n{\"text\": \"bad\", \"label\": \"b\"}\n", TestContext.Current.CancellationToken);
        var unknown = await RunAsync("label-errors", "--data", good, "--trainer", "no-such");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown trainer 'no-such'", unknown.Error);

        var crowd = await RunAsync("label-errors", "--data", good, "--trainer", "text-ngram", "--neighbours", "501");
        Assert.Equal(1, crowd.ExitCode);
        Assert.Contains("--neighbours", crowd.Error);
        Assert.Contains("0 (no neighbour vote) to 500", crowd.Error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
