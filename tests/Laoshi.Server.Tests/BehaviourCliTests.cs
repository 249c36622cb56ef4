using System.Text.Json.Nodes;
using Laoshi.Learning.Tests;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi behaviour`: a suite file run against a real model backend process, with gates for CI.</summary>
public sealed class BehaviourCliTests() : CliFolders("laoshi-behaviour-cli")
{
    private const string Suite = """
        {"name": "sentiment basics", "seed": 5, "synonyms": {"good": ["fine"]},
         "tests": [
           {"name": "praise", "type": "mft", "template": "the {thing} is {adj}", "slots": {"thing": ["film", "book"], "adj": ["good", "fine"]}, "expect": "positive"},
           {"name": "full width", "type": "inv", "texts": ["good film", "dull film"], "perturbation": "width"},
           {"name": "traditional", "type": "inv", "texts": ["good 电影"], "perturbation": "traditional"},
           {"name": "synonyms", "type": "inv", "texts": ["a good film"], "perturbation": "synonyms"}]}
        """;

    private async Task<string> ProjectAsync()
    {
        var config = Write("config.xml", """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>""");
        var create = await CliProcess.RunAsync(data, "project", "create", "reviews", "--schema", config);
        Assert.True(create.ExitCode == 0, create.Error);
        return "reviews";
    }

    [Fact]
    public async Task A_suite_runs_against_a_model_backend_and_reports_failure_rates_with_examples()
    {
        var project = await ProjectAsync();
        await using var backend = await BackendProcess.StartAsync();

        var run = await CliProcess.RunAsync(data, "behaviour", "--suite", Write("suite.json", Suite), "--model", backend.Url.ToString(),
            "--project", project, "--json", "--gate", "tests.traditional.failure_rate<=0", "--gate", "failure_rate<=0.2");

        // The backend says "positive" only when it sees the word "good": "fine" and "ｇｏｏｄ" fool it; the script change does not.
        Assert.True(run.ExitCode == 1, run.Error);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal(("mft", 4, 2), (json["tests"]!["praise"]!["type"]!.GetValue<string>(), json["tests"]!["praise"]!["cases"]!.GetValue<int>(),
            json["tests"]!["praise"]!["failed"]!.GetValue<int>()));
        Assert.Equal(0.5, json["tests"]!["full width"]!["failure_rate"]!.GetValue<double>());
        Assert.Equal("ｇｏｏｄ ｆｉｌｍ", json["tests"]!["full width"]!["examples"]![0]!["perturbed"]!.GetValue<string>());
        Assert.Equal(0, json["tests"]!["traditional"]!["failed"]!.GetValue<int>());
        Assert.Equal(1, json["tests"]!["synonyms"]!["failed"]!.GetValue<int>());
        Assert.Equal(4.0 / 8, json["failure_rate"]!.GetValue<double>());
        Assert.Contains("gate tests.traditional.failure_rate<=0: passed", run.Error);
        Assert.Contains("gate failure_rate<=0.2: FAILED", run.Error);
    }

    [Fact]
    public async Task The_text_report_lists_each_test_and_its_failing_examples()
    {
        var project = await ProjectAsync();
        await using var backend = await BackendProcess.StartAsync();

        var run = await CliProcess.RunAsync(data, "behaviour", "--suite", Write("suite.json", Suite), "--model", backend.Url.ToString(), "--project", project);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("[MFT] praise: 2 of 4 failed (50.0 %)", run.Output);
        Assert.Contains("\"the film is fine\": expected positive, got negative", run.Output);
        Assert.Contains("[INV] full width: 1 of 2 failed", run.Output);
    }

    [Fact]
    public async Task A_bad_suite_names_the_file_and_test_before_any_model_is_opened()
    {
        var suite = Write("bad.json", """{"tests": [{"name": "x", "type": "mft", "texts": ["a"]}]}""");

        var run = await CliProcess.RunAsync(data, "behaviour", "--suite", suite, "--model", "http://127.0.0.1:9", "--project", "nothing");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.json", run.Error);
        Assert.Contains("$.tests[0]", run.Error);
        Assert.Contains("expect", run.Error);
    }
}
