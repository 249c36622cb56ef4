using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi trainers`, `laoshi train` and `laoshi runs` as a user runs them: the real program on a data folder.</summary>
public sealed class TrainCliTests() : CliFolders("laoshi-train-cli")
{
    private static CliResult Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        return result;
    }

    [Fact]
    public async Task A_user_trains_with_and_without_a_search_and_compares_the_runs_from_the_command_line()
    {
        var config = Write("config.xml", TestSchemas.TextConfig);
        var items = Write("items.jsonl", TrainingData.Jsonl(answered: 32, open: 0));
        Ok(await CliProcess.RunAsync(data, "project", "create", "moods", "--schema", config));
        Ok(await CliProcess.RunAsync(data, "import", "moods", items));
        Ok(await CliProcess.RunAsync(data, "snapshot", "create", "moods", "train"));

        var trainers = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "trainers", "--json")).Output)!;
        var trained = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "train", "moods", "--trainer", "text-ngram", "--snapshot", "train",
            "--param", "iterations=30", "--seed", "3", "--json")).Output)!;
        var searched = Ok(await CliProcess.RunAsync(data, "train", "moods", "--trainer", "text-ngram", "--snapshot", "train", "--param", "iterations=30",
            "--search", "halving", "--trials", "3", "--folds", "2", "--budget", "2m", "--register-as", "moods-searched", "--json"));
        var found = JsonNode.Parse(searched.Output)!;
        var compared = Ok(await CliProcess.RunAsync(data, "runs", "compare", "moods", "1", "2"));
        var badParam = await CliProcess.RunAsync(data, "train", "moods", "--trainer", "text-ngram", "--snapshot", "train", "--param", "l2=-3");

        Assert.Contains(trainers["trainers"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "text-ngram");
        Assert.InRange(trained["accuracy"]!.GetValue<double>(), 0.8, 1.0);
        Assert.NotNull(trained["f1_macro"]);
        Assert.Equal((1, "text-ngram", 1, 30), (trained["run_id"]!.GetValue<int>(), trained["model"]!["name"]!.GetValue<string>(),
            trained["model"]!["version"]!.GetValue<int>(), trained["params"]!["iterations"]!.GetValue<int>()));
        Assert.True(trained["duration_seconds"]!.GetValue<double>() > 0);
        Assert.Null(trained["search"]);

        Assert.Equal((2, "halving"), (found["run_id"]!.GetValue<int>(), found["search"]!["method"]!.GetValue<string>()));
        Assert.Equal(3 + 1, found["search"]!["trials"]!.AsArray().Count);
        Assert.NotNull(found["search"]!["best_params"]!["l2"]);
        Assert.Equal(1, found["compared_with"]!.GetValue<int>());
        Assert.Contains("trial", searched.Error);

        Assert.Contains("accuracy", compared.Output);
        Assert.Contains("run 1", compared.Output);
        Assert.Equal(1, badParam.ExitCode);
        Assert.Contains("l2", badParam.Error);
    }
}
