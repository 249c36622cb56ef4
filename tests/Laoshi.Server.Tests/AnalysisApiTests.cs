using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>GET /projects/{p}/analysis and /analysis/knowledge over real imported projects (SQLite).</summary>
public sealed class AnalysisApiTests(SqliteServerFixture server) : IClassFixture<SqliteServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string ReviewsConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text" choice="multiple">
            <Choice value="好评" hint="The customer is pleased: praise, recommendation."/>
            <Choice value="差评" hint="The customer complains."/>
            <Choice value="物流"/>
            <Choice value="unused"/>
          </Choices>
          <Labels name="entities" toName="text">
            <Label value="PRODUCT"/>
          </Labels>
        </View>
        """;

    private static JsonObject Choice(params string[] labels) => new()
    {
        ["id"] = Guid.NewGuid().ToString("N")[..8], ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()) },
    };

    private static JsonObject Span(string text, int start, int end, string label) => new()
    {
        ["id"] = Guid.NewGuid().ToString("N")[..8], ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels",
        ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text[start..end], ["labels"] = new JsonArray(label) },
    };

    private static string Task(string text, params JsonObject[][] answers)
    {
        var task = new JsonObject { ["data"] = new JsonObject { ["text"] = text } };
        if (answers.Length > 0)
            task["annotations"] = new JsonArray(answers.Select((a, i) => (JsonNode)new JsonObject
            {
                ["completed_by"] = $"person{i}", ["result"] = new JsonArray(a.Select(r => (JsonNode)r).ToArray()),
            }).ToArray());
        return task.ToJsonString();
    }

    private async Task<string> ProjectAsync(string config, IEnumerable<string> tasks)
    {
        var name = $"analysis-{Guid.NewGuid():N}"[..22];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = config }, Ct)).StatusCode);
        var imported = await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(string.Join('\n', tasks)), Ct);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Ct));
        return name;
    }

    private Task<string> ReviewsProjectAsync()
    {
        const string phone = "这个手机很好用，推荐购买";
        return ProjectAsync(ReviewsConfig,
        [
            Task(phone, [Choice("好评"), Span(phone, 2, 4, "PRODUCT")]),
            Task("质量很好，非常推荐", [Choice("好评")]),
            Task("很好，推荐给朋友", [Choice("好评")], [Choice("好评")]),
            Task("手机快递太慢了，差评", [Choice("差评", "物流"), Span("手机快递太慢了，差评", 0, 2, "PRODUCT")]),
            Task("Great phone, I recommend it", [Choice("好评")]),
            Task("没有标注的文本"),
        ]);
    }

    [Fact]
    public async Task Analysis_counts_labels_lengths_and_finds_distinctive_chinese_terms()
    {
        var name = await ReviewsProjectAsync();
        var annotator = await server.ClientAsAsync("ann", name);
        var analysis = JsonNode.Parse(await annotator.GetStringAsync($"/api/v1/projects/{name}/analysis", Ct))!;

        Assert.Equal(6, analysis["items_scanned"]!.GetValue<long>());
        var shares = analysis["label_distribution"]!.AsArray().ToDictionary(s => s!["label"]!.GetValue<string>(), s => s!);
        // Item 3 was chosen 好评 by two people: one item, two regions.
        Assert.Equal((4L, 5L), (shares["好评"]["items"]!.GetValue<long>(), shares["好评"]["regions"]!.GetValue<long>()));
        Assert.Equal(1, shares["差评"]["items"]!.GetValue<long>());
        Assert.Equal(0, shares["unused"]["items"]!.GetValue<long>());
        Assert.Equal("entities", shares["PRODUCT"]["control"]!.GetValue<string>());

        var sentiment = analysis["imbalance"]!.AsArray().Single(c => c!["control"]!.GetValue<string>() == "sentiment")!;
        Assert.Equal(4.0, sentiment["ratio"]!.GetValue<double>());
        Assert.Equal("好评", sentiment["most"]!.GetValue<string>());
        Assert.Equal(["unused"], sentiment["unused_labels"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(4.0, analysis["imbalance_ratio"]!.GetValue<double>());

        var pairs = analysis["label_co_occurrence"]!;
        var labels = pairs["labels"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.Equal(1, pairs["counts"]![labels.IndexOf("差评")]![labels.IndexOf("物流")]!.GetValue<long>());
        Assert.Equal(1, pairs["counts"]![labels.IndexOf("好评")]![labels.IndexOf("PRODUCT")]!.GetValue<long>());

        var length = analysis["text_length"]!["text"]!;
        Assert.Equal(6, length["count"]!.GetValue<long>());
        Assert.Equal(7, length["min"]!.GetValue<double>());     // 没有标注的文本
        Assert.Equal(27, length["max"]!.GetValue<double>());    // Great phone, I recommend it

        var good = analysis["distinctive_terms"]!["好评"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()).ToList();
        Assert.Contains("推荐", good);
        Assert.Contains("手机", analysis["distinctive_terms"]!["PRODUCT"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()));
        var perItem = analysis["annotations_per_item"]!;
        Assert.Equal(2, perItem["max"]!.GetValue<double>());
        Assert.Equal(0, perItem["min"]!.GetValue<double>());

        // The counts endpoint is unchanged.
        var stats = JsonNode.Parse(await annotator.GetStringAsync($"/api/v1/projects/{name}/stats", Ct))!.AsObject();
        Assert.Equal(["items", "annotated", "annotations", "predictions", "by_status", "by_label", "progress"], stats.Select(p => p.Key));
    }

    [Fact]
    public async Task Boxes_fill_the_position_and_size_heat_maps_and_images_their_size_distribution()
    {
        static string Image(int width, int height, double x, double y, double w, double h) => new JsonObject
        {
            ["data"] = new JsonObject { ["image"] = "/data/upload/1/a.jpg" },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "b1", ["from_name"] = "box", ["to_name"] = "image", ["type"] = "rectanglelabels",
                    ["original_width"] = width, ["original_height"] = height,
                    ["value"] = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = w, ["height"] = h, ["rectanglelabels"] = new JsonArray("sofa") },
                }),
            }),
        }.ToJsonString();
        var name = await ProjectAsync(TestSchemas.ImageConfig, [Image(800, 600, 10, 20, 30, 40), Image(400, 400, 60, 60, 10, 10)]);
        var analysis = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/analysis", Ct))!;

        var position = analysis["box_position_heat_map"]!;
        Assert.Equal(2, position["count"]!.GetValue<long>());
        // Centres (25 %, 40 %) and (65 %, 65 %) of a 10 × 10 grid.
        Assert.Equal(1, position["cells"]![4]![2]!.GetValue<long>());
        Assert.Equal(1, position["cells"]![6]![6]!.GetValue<long>());
        var size = analysis["box_size_heat_map"]!;
        Assert.Equal(1, size["cells"]![4]![3]!.GetValue<long>());   // 30 % wide, 40 % high
        Assert.Equal(1, size["cells"]![1]![1]!.GetValue<long>());   // 10 % × 10 %

        Assert.Equal((400.0, 800.0), (analysis["image_width"]!["image"]!["min"]!.GetValue<double>(), analysis["image_width"]!["image"]!["max"]!.GetValue<double>()));
        Assert.Equal(1.0, analysis["image_aspect"]!["image"]!["min"]!.GetValue<double>(), 3);
        Assert.Equal(4 / 3.0, analysis["image_aspect"]!["image"]!["max"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task Knowledge_gives_each_label_its_definition_terms_and_examples()
    {
        var name = await ReviewsProjectAsync();
        var reviewer = await server.ClientAsAsync("rev", name, "reviewer");
        var knowledge = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/analysis/knowledge?examples=2", Ct))!;
        var labels = knowledge["labels"]!.AsArray().ToDictionary(l => l!["label"]!.GetValue<string>(), l => l!);
        var good = labels["好评"];
        Assert.Equal("The customer is pleased: praise, recommendation.", good["definition"]!.GetValue<string>());
        Assert.Equal(4, good["items"]!.GetValue<long>());
        Assert.Contains("推荐", good["terms"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()));
        var typical = good["typical"]!.AsArray();
        Assert.Equal(2, typical.Count);
        // The English review shares nothing with the Chinese ones: it is the borderline example.
        Assert.Equal("Great phone, I recommend it", good["borderline"]![0]!["text"]!.GetValue<string>());
        Assert.True(typical[0]!["similarity"]!.GetValue<double>() >= typical[1]!["similarity"]!.GetValue<double>());
        Assert.Empty(labels["unused"]["typical"]!.AsArray());

        // Knowledge is for those who write the rules: annotators are refused.
        var annotator = await server.ClientAsAsync("ann2", name);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/api/v1/projects/{name}/analysis/knowledge", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_parameters_are_refused_naming_the_field()
    {
        var name = await ReviewsProjectAsync();
        var response = await server.Client.GetAsync($"/api/v1/projects/{name}/analysis?top=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("top", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/projects/no-such-project/analysis", Ct)).StatusCode);
    }
}
