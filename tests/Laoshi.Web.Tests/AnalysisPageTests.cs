using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The "Analysis" page: dataset statistics as charts, and the knowledge view per label.</summary>
public sealed class AnalysisPageTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private const string ReviewsConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text" choice="multiple">
            <Choice value="好评" hint="The customer is pleased: praise or a recommendation."/>
            <Choice value="差评"/>
            <Choice value="spam"/>
          </Choices>
        </View>
        """;

    private static JsonObject Review(string text, params string[] labels) => new()
    {
        ["data"] = new JsonObject { ["text"] = text },
        ["annotations"] = new JsonArray(new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "c", ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()) },
            }),
        }),
    };

    private async Task<string> ReviewsAsync(CancellationToken ct)
    {
        var project = TestProjects.UniqueName("analysis");
        await api.CreateProjectAsync(project, ReviewsConfig, ct);
        await api.ImportAsync(project,
        [
            Review("质量很好，推荐购买", "好评"), Review("很好用，推荐给朋友", "好评"), Review("非常推荐，很好", "好评"),
            Review("Fast delivery, great", "好评"), Review("太慢了，差评", "差评"), new JsonObject { ["data"] = new JsonObject { ["text"] = "没有标注" } },
        ], ct);
        return project;
    }

    [Fact]
    public async Task Statistics_charts_and_the_knowledge_of_each_label_are_shown()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await ReviewsAsync(ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dataset statistics" })).ToBeVisibleAsync();

        var labels = page.GetByRole(AriaRole.Img, new() { Name = "Items per label: sentiment" });
        await Assertions.Expect(labels).ToContainTextAsync("好评");
        await Assertions.Expect(labels.Locator("rect")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("Imbalance of sentiment: 4 (好评 over 差评)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Never used: spam")).ToBeVisibleAsync();
        var lengths = page.GetByRole(AriaRole.Img, new() { Name = "Text length: text" });
        await Assertions.Expect(lengths).ToBeVisibleAsync();
        Assert.True(await lengths.Locator("rect.bin").CountAsync() >= 2);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Answers per item" })).ToBeVisibleAsync();

        var good = page.GetByRole(AriaRole.Article, new() { Name = "好评" });
        await Assertions.Expect(good).ToContainTextAsync("The customer is pleased: praise or a recommendation.");
        await Assertions.Expect(good.GetByRole(AriaRole.List, new() { Name = "Distinctive terms of 好评" })).ToContainTextAsync("推荐");
        await Assertions.Expect(good.GetByRole(AriaRole.Heading, new() { Name = "Typical examples" })).ToBeVisibleAsync();
        // The English review shares no term with the others: the farthest from the label's centre.
        await Assertions.Expect(good.Locator(".examples").Last.Locator("li").First).ToContainTextAsync("Fast delivery, great");
        await Assertions.Expect(page.GetByRole(AriaRole.Article, new() { Name = "spam" })).ToContainTextAsync("No definition in the rules yet");
    }

    [Fact]
    public async Task Boxes_show_position_and_size_heat_maps_and_image_sizes()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "analysis-boxes", TestProjects.BoxConfig, 3, ct);
        var ids = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>());
        foreach (var id in ids)
        {
            var answer = new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "b", ["from_name"] = "furniture", ["to_name"] = "image", ["type"] = "rectanglelabels",
                    ["value"] = new JsonObject { ["x"] = 10, ["y"] = 10, ["width"] = 20, ["height"] = 30, ["rectanglelabels"] = new JsonArray("sofa") },
                }),
            };
            (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/items/{id}/annotations", answer, ct)).EnsureSuccessStatusCode();
        }
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/analysis");
        var position = page.GetByRole(AriaRole.Img, new() { Name = "Where box centres lie (across × down the image)" });
        await Assertions.Expect(position.Locator("rect.cell")).ToHaveCountAsync(100);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Box size (width × height, as part of the image)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Image width: image" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Image aspect ratio (width / height): image" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Chinese_page_and_annotators_see_statistics_but_not_the_knowledge_view()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await ReviewsAsync(ct);
        await using var browser = await web.OpenAsAsync($"ann-{Guid.NewGuid():N}@laoshi.test", project, "annotator", "zh-CN");
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/analysis");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "数据集统计" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "各标签条目数：sentiment" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("标签知识仅对本项目的审核员和管理员开放。")).ToBeVisibleAsync();
    }
}
