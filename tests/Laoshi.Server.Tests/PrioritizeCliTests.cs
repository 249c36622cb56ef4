using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi prioritize` as a user runs it: a trained model scores the open items of a real SQLite project, and bad names are named.</summary>
public sealed class PrioritizeCliTests() : CliFolders("laoshi-prioritize-cli")
{
    private static CliResult Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        return result;
    }

    /// <summary>A project of 24 answered and 6 open sentences, and a text-ngram model trained on its answers (a candidate).</summary>
    private async Task TrainedProjectAsync()
    {
        var config = Write("config.xml", TestSchemas.TextConfig);
        var items = Write("items.jsonl", TrainingData.Jsonl(answered: 24, open: 6));
        Ok(await CliProcess.RunAsync(data, "project", "create", "moods", "--schema", config));
        Ok(await CliProcess.RunAsync(data, "import", "moods", items));
        Ok(await CliProcess.RunAsync(data, "snapshot", "create", "moods", "train"));
        Ok(await CliProcess.RunAsync(data, "train", "moods", "--trainer", "text-ngram", "--snapshot", "train", "--param", "iterations=30"));
    }

    [Fact]
    public async Task A_named_model_scores_the_open_items_and_the_production_model_is_the_default()
    {
        await TrainedProjectAsync();

        var named = Ok(await CliProcess.RunAsync(data, "prioritize", "moods", "--model", "text-ngram@1", "--strategy", "margin", "--json"));
        var noProduction = await CliProcess.RunAsync(data, "prioritize", "moods");
        Ok(await CliProcess.RunAsync(data, "model", "stage", "moods", "text-ngram@1", "production"));
        var byDefault = Ok(await CliProcess.RunAsync(data, "prioritize", "moods", "--json"));
        var diversity = Ok(await CliProcess.RunAsync(data, "prioritize", "moods", "--strategy", "diversity"));

        var json = JsonNode.Parse(named.Output)!.AsObject();
        Assert.Equal((6L, "margin", "moods", "sequential"),
            (json["scored"]!.GetValue<long>(), json["strategy"]!.GetValue<string>(), json["project"]!.GetValue<string>(), json["order"]!.GetValue<string>()));
        Assert.Contains("text-ngram", json["model"]!.GetValue<string>());
        Assert.Contains("6 items scored", named.Error);

        Assert.Equal(1, noProduction.ExitCode);
        Assert.Contains("no model in production", noProduction.Error);

        var defaults = JsonNode.Parse(byDefault.Output)!;
        Assert.Equal((6L, "least-confidence"), (defaults["scored"]!.GetValue<long>(), defaults["strategy"]!.GetValue<string>()));
        Assert.Equal(json["model"]!.GetValue<string>(), defaults["model"]!.GetValue<string>());

        Assert.Contains("6 open items of moods scored by diversity", diversity.Output);
        Assert.Contains("set it to diversity", diversity.Output);
    }

    [Fact]
    public async Task An_unknown_project_model_or_strategy_is_named_and_fails()
    {
        await TrainedProjectAsync();

        var project = await CliProcess.RunAsync(data, "prioritize", "no-such-project", "--model", "text-ngram@1");
        var model = await CliProcess.RunAsync(data, "prioritize", "moods", "--model", "ghost");
        var strategy = await CliProcess.RunAsync(data, "prioritize", "moods", "--model", "text-ngram@1", "--strategy", "luck");

        Assert.NotEqual(0, project.ExitCode);
        Assert.Contains("project 'no-such-project'", project.Error);
        Assert.NotEqual(0, model.ExitCode);
        Assert.Contains("model 'ghost'", model.Error);
        Assert.NotEqual(0, strategy.ExitCode);
        Assert.Contains("unknown strategy 'luck'", strategy.Error);
        Assert.Contains("least-confidence", strategy.Error);
        Assert.All(new[] { project, model, strategy }, r => Assert.Empty(r.Output));
    }
}
