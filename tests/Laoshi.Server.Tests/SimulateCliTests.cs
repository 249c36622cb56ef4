using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi simulate active-learning` on a small generated file with the real text-ngram trainer.</summary>
public sealed class SimulateCliTests() : CliFolders("laoshi-simulate-cli")
{
    // `simulate` takes --data FILE (its own option, which shadows the data-folder option), so it runs without the
    // data folder CliProcess adds, and never opens a store.
    private static async Task<CliResult> SimulateAsync(params string[] args)
    {
        var info = CliProcess.StartInfo("", ["simulate", "active-learning", .. args]);
        info.ArgumentList.RemoveAt(info.ArgumentList.Count - 1);
        info.ArgumentList.RemoveAt(info.ArgumentList.Count - 1);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    // Short reviews whose sentiment shows in one cue word among shared filler words.
    private string WriteReviews(int count)
    {
        var random = new Random(4);
        string[] filler = ["the", "food", "was", "really", "and", "service", "it", "quite", "movie", "phone"];
        string[] good = ["great", "lovely", "excellent", "superb", "tasty"];
        string[] bad = ["awful", "terrible", "poor", "boring", "broken"];
        var path = Path.Combine(work, "reviews.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i =>
        {
            var positive = i % 2 == 0;
            var words = Enumerable.Range(0, 4).Select(_ => filler[random.Next(filler.Length)]).ToList();
            words.Insert(random.Next(words.Count + 1), (positive ? good : bad)[random.Next(5)]);
            return new JsonObject { ["id"] = $"r{i}", ["text"] = string.Join(' ', words), ["label"] = positive ? "pos" : "neg" }.ToJsonString();
        }));
        return path;
    }

    [Fact]
    public async Task Json_prints_the_learning_curve_by_labels_with_accuracy_and_macro_f1()
    {
        var file = WriteReviews(150);
        var run = await SimulateAsync("--data", file, "--trainer", "text-ngram",
            "--strategy", "margin", "--seed", "3", "--batch", "20", "--budget", "60", "--initial", "20", "--random-share", "0.25", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var curve = JsonNode.Parse(run.Output)!["curve"]!.AsArray();
        Assert.Equal([20, 40, 60], curve.Select(p => p!["labels"]!.GetValue<int>()));
        Assert.All(curve, p =>
        {
            Assert.InRange(p!["accuracy"]!.GetValue<double>(), 0, 1);
            Assert.InRange(p["f1_macro"]!.GetValue<double>(), 0, 1);
        });
        Assert.True(curve[^1]!["accuracy"]!.GetValue<double>() >= 0.8, run.Output);
    }

    [Fact]
    public async Task Diversity_runs_on_the_trainers_embeddings_and_text_output_lists_the_curve()
    {
        var file = WriteReviews(100);
        var run = await SimulateAsync("--data", file, "--trainer", "text-ngram",
            "--strategy", "diversity", "--batch", "15", "--budget", "40", "--initial", "10");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("text-ngram, diversity", run.Output);
        Assert.Equal(3, run.Output.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_strategy_or_a_bad_line_is_an_error_naming_it()
    {
        var file = WriteReviews(20);
        var strategy = await SimulateAsync("--data", file, "--trainer", "text-ngram", "--strategy", "luck");
        Assert.Equal(1, strategy.ExitCode);
        Assert.Contains("unknown strategy 'luck'", strategy.Error);

        File.AppendAllText(file, "{\"text\": \"no label here\"}\n");
        var line = await SimulateAsync("--data", file, "--trainer", "text-ngram", "--strategy", "random");
        Assert.Equal(1, line.ExitCode);
        Assert.Contains("line 21", line.Error);
        Assert.Contains("label", line.Error);
    }
}
