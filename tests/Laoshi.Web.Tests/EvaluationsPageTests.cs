using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The Evaluations page: run a model on a test snapshot, read its charts, send failures to review, compare two.</summary>
public sealed class EvaluationsPageTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private static JsonObject Choice(string label) => new()
    {
        ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
    };

    /// <summary>8 items, truth joy/sadness alternating; v1 says joy always (4 wrong), v2 is wrong on item 0 only.</summary>
    private static IEnumerable<JsonObject> Tasks() => Enumerable.Range(0, 8).Select(i => new JsonObject
    {
        ["data"] = new JsonObject { ["text"] = $"sentence {i}", ["source"] = i < 4 ? "web" : "app" },
        ["annotations"] = new JsonArray(new JsonObject { ["completed_by"] = "ann", ["result"] = new JsonArray(Choice(i % 2 == 0 ? "joy" : "sadness")) }),
        ["predictions"] = new JsonArray(
            new JsonObject { ["model_version"] = "v1", ["result"] = new JsonArray(Choice("joy")) },
            new JsonObject { ["model_version"] = "v2", ["result"] = new JsonArray(Choice(i == 0 ? "sadness" : i % 2 == 0 ? "joy" : "sadness")) }),
    });

    [Fact]
    public async Task A_model_is_evaluated_from_the_page_its_failures_go_to_review_and_two_evaluations_compare()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("evals");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, Tasks(), ct);
        (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "test" }, ct)).EnsureSuccessStatusCode();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/evaluations");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Evaluations" })).ToBeVisibleAsync();
        await page.GetByLabel("Model", new() { Exact = true }).FillAsync("predictions:v1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run evaluation" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "emotion (classification): 8 items, 4 wrong" })).ToBeVisibleAsync();
        var confusion = page.GetByRole(AriaRole.Img, new() { Name = "emotion: confusion matrix (rows: truth, columns: model)" });
        await Assertions.Expect(confusion).ToBeVisibleAsync();
        await Assertions.Expect(confusion.Locator("rect")).ToHaveCountAsync(4);
        var slices = page.GetByRole(AriaRole.Img, new() { Name = "emotion: slices, worst first" });
        await Assertions.Expect(slices).ToContainTextAsync("class=sadness");
        await Assertions.Expect(slices).ToContainTextAsync("source=web");

        // The run went through the job engine: one evaluation job, succeeded, whose result is the evaluation shown.
        var jobs = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/jobs?kind=evaluation", ct))!["jobs"]!.AsArray();
        var job = Assert.Single(jobs)!;
        Assert.Equal("succeeded", (string)job["state"]!);
        Assert.EndsWith($"evaluations?id={job["result"]!["evaluation"]}", page.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send failing items to review" }).ClickAsync();
        await Assertions.Expect(page.GetByText("4 items sent to review.")).ToBeVisibleAsync();
        var evaluationUrl = page.Url;

        // The Review page lists them with the evaluation, control and reason; one is resolved, one opened in the workspace.
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/review");
        var requests = page.GetByRole(AriaRole.Table, new() { Name = "Sent back for review" });
        await Assertions.Expect(requests.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(requests.Locator("tbody tr").First).ToContainTextAsync("emotion");
        await Assertions.Expect(requests.Locator("tbody tr").First).ToContainTextAsync("sadness");
        var firstItem = (await requests.Locator("tbody tr").First.GetByRole(AriaRole.Link).First.TextContentAsync())!.Replace("Open item ", "", StringComparison.Ordinal);
        await requests.GetByRole(AriaRole.Button, new() { Name = $"Resolve the request for item {firstItem}" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Request for item {firstItem} resolved.")).ToBeVisibleAsync();
        await Assertions.Expect(requests.Locator("tbody tr")).ToHaveCountAsync(3);
        var open = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/review-requests", ct))!["requests"]!.AsArray();
        Assert.Equal(3, open.Count);
        Assert.DoesNotContain(open, r => r!["item"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture) == firstItem);
        var next = open[0]!["item"]!.ToString();
        await requests.GetByRole(AriaRole.Link, new() { Name = $"Open item {next}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/work\\?item={next}$"));
        await page.GotoAsync(evaluationUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send failing items to review" })).ToBeVisibleAsync();

        (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations", new { model = "predictions:v2", snapshot = "test" }, ct)).EnsureSuccessStatusCode();
        await page.GetByRole(AriaRole.Link, new() { Name = "All evaluations" }).ClickAsync();
        var checkboxes = page.GetByRole(AriaRole.Checkbox);
        await Assertions.Expect(checkboxes).ToHaveCountAsync(2);
        await checkboxes.Nth(0).CheckAsync();
        await checkboxes.Nth(1).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare the two selected" }).ClickAsync();
        await Assertions.Expect(page.GetByText("McNemar: 1 right→wrong, 4 wrong→right, p = 0.3750")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Flipped items: 1 right→wrong, 4 wrong→right")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.eval-flips tbody tr").First).ToContainTextAsync("right→wrong");
    }
}
