using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The cleaning page: preview, apply, a near-duplicate cluster merged side by side, and the whole run undone.</summary>
public sealed class CleaningPageTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_manager_previews_applies_merges_a_cluster_and_undoes_the_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("clean");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        string[] texts =
        [
            "今天天气很好，我们去公园散步吧，顺便买点水果回来",
            "今天天气很好，我们去公园散步吧，顺便买些水果回来",
            "這裡是繁體中文的句子",
            "這裡是繁體中文的句子",
        ];
        await api.ImportAsync(project, texts.Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);
        var ids = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).Order().ToList();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        // The page's own message line (the job widget is a status region too).
        var note = page.Locator(".page.cleaning > p[role=status]");
        await page.GotoAsync($"/#/p/{project}/cleaning");
        await Assertions.Expect(page.GetByText("No duplicate clusters wait for a decision.")).ToBeVisibleAsync();
        var options = page.GetByRole(AriaRole.Form, new() { Name = "What to look for" });
        await options.GetByLabel("Traditional → simplified Chinese").CheckAsync();
        await options.GetByLabel("Near-duplicate similarity threshold").FillAsync("0.6");

        await page.GetByLabel("Try the normalisation").FillAsync("這裡");
        await Assertions.Expect(page.GetByLabel("Normalised text")).ToHaveTextAsync("这里");

        await options.GetByRole(AriaRole.Button, new() { Name = "Preview (changes nothing)" }).ClickAsync();
        await Assertions.Expect(note).ToHaveTextAsync("Preview ready: nothing was changed.");
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Cleaning report" });
        await Assertions.Expect(report.Locator(".normalize-preview")).ToContainTextAsync("这里是繁体中文的句子");
        Assert.Equal(texts[2], (string)(await api.ItemAsync(project, ids[2], ct))["data"]!["text"]!);

        await options.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        // Applying runs as a background "clean" job: its progress shows, then its report and the run's changes.
        await Assertions.Expect(note).ToContainTextAsync("applied");
        var widget = page.Locator(".cleaning-job .job-widget");
        await Assertions.Expect(widget.GetByRole(AriaRole.Link)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Job \d+ \(clean\)$"));
        await Assertions.Expect(widget).ToContainTextAsync("succeeded");
        var job = Assert.Single((await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/jobs?kind=clean", ct))!["jobs"]!.AsArray())!;
        Assert.Equal("succeeded", (string)job["state"]!);
        await Assertions.Expect(report.GetByRole(AriaRole.Heading, new() { Name = $"Run {job["result"]!["run_id"]}", Exact = false })).ToBeVisibleAsync();
        var cluster = page.Locator(".cluster");
        await Assertions.Expect(cluster).ToHaveCountAsync(1);
        await Assertions.Expect(cluster.Locator(".cluster-text")).ToHaveTextAsync([texts[0], texts[1]]);
        await cluster.GetByLabel($"Keep #{ids[1]}").CheckAsync();
        await cluster.GetByRole(AriaRole.Button, new() { Name = "Merge into the chosen one" }).ClickAsync();
        await Assertions.Expect(note).ToContainTextAsync("resolved");
        Assert.Equal("dropped", (string)(await api.ItemAsync(project, ids[0], ct))["status"]!);
        Assert.Equal("这里是繁体中文的句子", (string)(await api.ItemAsync(project, ids[2], ct))["data"]!["text"]!);

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo run" }).ClickAsync();
        await Assertions.Expect(note).ToContainTextAsync("changes undone");
        for (var i = 0; i < texts.Length; i++)
        {
            var item = await api.ItemAsync(project, ids[i], ct);
            Assert.Equal((texts[i], "new"), ((string)item["data"]!["text"]!, (string)item["status"]!));
        }
    }
}
