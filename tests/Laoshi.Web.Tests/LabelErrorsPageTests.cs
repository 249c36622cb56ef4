using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The Label errors page: run a search with a built-in trainer, read the ranked suspects, send them to review.</summary>
public sealed class LabelErrorsPageTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private static readonly string[] Happy = ["delighted", "cheerful", "smiling", "laughing", "glad", "thrilled"];
    private static readonly string[] Sad = ["crying", "gloomy", "weeping", "miserable", "tearful", "heartbroken"];
    private static readonly string[] Filler = ["she", "was", "today", "at", "home", "and", "very"];

    /// <summary>60 sentences, joy by their words on even items and sadness on odd ones; items 6, 25 and 41 carry the other label.</summary>
    private static IEnumerable<JsonObject> Tasks()
    {
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            var joy = i % 2 == 0;
            var words = Enumerable.Range(0, 4).Select(_ => Filler[random.Next(Filler.Length)])
                .Concat(Enumerable.Range(0, 3).Select(_ => (joy ? Happy : Sad)[random.Next(6)])).OrderBy(_ => random.Next());
            var label = joy ^ i is 6 or 25 or 41 ? "joy" : "sadness";
            yield return new JsonObject
            {
                ["data"] = new JsonObject { ["text"] = string.Join(' ', words), ["n"] = i },
                ["annotations"] = new JsonArray(new JsonObject
                {
                    ["completed_by"] = "ann",
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
                    }),
                }),
            };
        }
    }

    [Fact]
    public async Task A_search_runs_from_the_page_and_its_suspects_go_to_review_in_one_click()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("labelerr");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, Tasks(), ct);
        (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "all" }, ct)).EnsureSuccessStatusCode();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Label errors", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Label errors", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Trainer")).ToHaveValueAsync("text-ngram");
        await page.GetByLabel("Folds").FillAsync("3");
        await page.GetByLabel("Neighbours").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find label errors" }).ClickAsync();

        // The search runs as a job; once it succeeded the page shows its ranked suspects, given → suggested.
        var list = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Given → suggested" }) });
        await Assertions.Expect(list).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var searches = JsonNode.Parse(await web.Api.GetStringAsync($"/api/v1/projects/{project}/label-errors", ct))!["searches"]!.AsArray();
        Assert.Equal(3, searches[0]!["parameters"]!["neighbours"]!.GetValue<int>());
        var rows = list.Locator("tbody tr");
        var count = await rows.CountAsync();
        Assert.InRange(count, 1, 6);
        var firstText = (await rows.First.TextContentAsync())!;
        Assert.True(firstText.Contains("sadness → joy", StringComparison.Ordinal) || firstText.Contains("joy → sadness", StringComparison.Ordinal), firstText);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all suspects" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Send {count} to review" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{count} items sent to review.")).ToBeVisibleAsync();

        // The Review page lists them, each saying which search sent it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the review list" }).ClickAsync();
        var requests = page.GetByRole(AriaRole.Table, new() { Name = "Sent back for review" });
        await Assertions.Expect(requests.Locator("tbody tr")).ToHaveCountAsync(count);
        await Assertions.Expect(requests.Locator("tbody tr").First).ToContainTextAsync("Label errors #");
        await Assertions.Expect(requests.Locator("tbody tr").First).ToContainTextAsync("the model suggests");
    }

    [Fact]
    public async Task The_page_speaks_chinese()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("labelzh");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);

        await using var browser = await web.OpenAsync("zh-CN");
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/label-errors");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "标注错误", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("请先为已标注的条目创建快照。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("训练器")).ToBeVisibleAsync();
    }
}
