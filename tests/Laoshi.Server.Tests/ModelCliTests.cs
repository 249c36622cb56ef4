using System.Text.Json.Nodes;
using System.Xml.Linq;
using Laoshi.Learning.Tests;
using Laoshi.Learning.Tests.Onnx;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi model ...` and `laoshi latency` as a user runs them: the real program on a data folder.</summary>
public sealed class ModelCliTests() : CliFolders("laoshi-model-cli")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ProjectAsync()
    {
        var config = Write("config.xml", """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/><Choice value="neutral"/></Choices></View>""");
        var items = Write("items.jsonl", "{\"text\": \"good\", \"features\": [3, 0, 0, 0]}\n{\"text\": \"bad\", \"features\": [0, 3, 0, 0]}\n");
        Ok(await CliProcess.RunAsync(data, "project", "create", "reviews", "--schema", config));
        Ok(await CliProcess.RunAsync(data, "import", "reviews", items));
        return "reviews";
    }

    private static CliResult Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        return result;
    }

    [Fact]
    public async Task A_user_registers_promotes_thresholds_and_measures_an_onnx_model_from_the_command_line()
    {
        var project = await ProjectAsync();
        var path = Path.Combine(work, "sentiment.onnx");
        await File.WriteAllBytesAsync(path, TestModels.FeatureClassifier(), Ct);
        // An unregistered file takes its settings from MODEL.json beside it.
        await File.WriteAllTextAsync(Path.Combine(work, "sentiment.json"), """{"input_field": "features"}""", Ct);
        var chart = Path.Combine(work, "latency.svg");

        var added = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "model", "add", project, "sentiment", "--file", path, "--kind", "classifier",
            "--setting", "input_field=features", "--json")).Output)!;
        var staged = Ok(await CliProcess.RunAsync(data, "model", "stage", project, "sentiment@1", "production"));
        var thresholds = Ok(await CliProcess.RunAsync(data, "model", "thresholds", project, "sentiment@1", "neutral=0.8"));
        var list = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "model", "list", project, "--json")).Output)!;
        var latency = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "latency", "--model", "sentiment", "--project", project,
            "--requests", "20", "--concurrency", "2", "--chart", chart, "--json")).Output)!;
        var byFile = JsonNode.Parse(Ok(await CliProcess.RunAsync(data, "latency", "--model", path, "--project", project, "--requests", "5", "--json")).Output)!;
        var badStage = await CliProcess.RunAsync(data, "model", "stage", project, "sentiment", "production");

        Assert.Equal("sentiment@1", added["reference"]!.GetValue<string>());
        Assert.Contains("sentiment@1 is now production", staged.Output);
        Assert.Contains("neutral ≥ 0.8", thresholds.Output);
        Assert.Equal("production", list["models"]![0]!["stage"]!.GetValue<string>());
        Assert.Equal((0, 20, "sentiment@1"), (latency["errors"]!.GetValue<int>(), latency["requests"]!.GetValue<int>(), latency["model"]!.GetValue<string>()));
        Assert.True(latency["p99_ms"]!.GetValue<double>() >= latency["p50_ms"]!.GetValue<double>());
        Assert.Equal("svg", XDocument.Load(chart).Root!.Name.LocalName);
        Assert.Equal(("sentiment.onnx", 0), (byFile["model"]!.GetValue<string>(), byFile["errors"]!.GetValue<int>()));
        Assert.Equal(1, badStage.ExitCode);
        Assert.Contains("NAME@VERSION", badStage.Error);
    }
}
