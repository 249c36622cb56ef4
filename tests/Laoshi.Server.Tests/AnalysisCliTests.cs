using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi stats --json` keeps its counts and adds the dataset statistics; `laoshi knowledge` prints the knowledge view.</summary>
public sealed class AnalysisCliTests() : CliFolders("laoshi-analysis-cli")
{
    [Fact]
    public async Task Stats_json_keeps_the_counts_and_adds_dataset_statistics_and_knowledge_lists_labels()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "reviews", "--schema", Write("s.xml", AnalysisApiTests.ReviewsConfig))).ExitCode);
        static string Line(string text, string label) => new JsonObject
        {
            ["data"] = new JsonObject { ["text"] = text },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "a", ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
                }),
            }),
        }.ToJsonString();
        var tasks = Write("tasks.jsonl", string.Join('\n', Line("很好，推荐", "好评"), Line("非常好，推荐购买", "好评"), Line("太慢了，差评", "差评")));
        Assert.Equal(0, (await CliProcess.RunAsync(data, "import", "reviews", tasks)).ExitCode);

        var stats = await CliProcess.RunAsync(data, "stats", "reviews", "--json");
        Assert.True(stats.ExitCode == 0, stats.Error);
        var json = JsonNode.Parse(stats.Output)!;
        Assert.Equal(3, json["items"]!.GetValue<long>());
        Assert.Equal(2, json["by_label"]!["好评"]!.GetValue<long>());
        Assert.Equal(1.0, json["progress"]!.GetValue<double>());
        Assert.Equal(2.0, json["imbalance_ratio"]!.GetValue<double>());
        Assert.Equal(3, json["text_length"]!["text"]!["count"]!.GetValue<long>());
        Assert.Contains("推荐", json["distinctive_terms"]!["好评"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()));

        var counts = JsonNode.Parse((await CliProcess.RunAsync(data, "stats", "reviews", "--json", "--counts")).Output)!.AsObject();
        Assert.Equal(["items", "annotated", "annotations", "predictions", "by_status", "by_label", "progress"], counts.Select(p => p.Key));

        var text = await CliProcess.RunAsync(data, "stats", "reviews");
        Assert.Contains("imbalance of sentiment: 2", text.Output);

        var knowledge = await CliProcess.RunAsync(data, "knowledge", "reviews");
        Assert.True(knowledge.ExitCode == 0, knowledge.Error);
        Assert.Contains("The customer is pleased", knowledge.Output);
        Assert.Contains("typical #", knowledge.Output);
        var knowledgeJson = JsonNode.Parse((await CliProcess.RunAsync(data, "knowledge", "reviews", "--json", "--examples", "1")).Output)!;
        Assert.Single(knowledgeJson["labels"]!.AsArray().Single(l => l!["label"]!.GetValue<string>() == "好评")!["typical"]!.AsArray());
    }
}
