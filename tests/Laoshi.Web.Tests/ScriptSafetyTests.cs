using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Markup in item text, label names and guidelines is shown as text, never run.</summary>
public sealed class ScriptSafetyTests(WebFixture web)
{
    private const string ImagePayload = "<img src=x onerror=window.__xss=1>";
    private const string ScriptPayload = "<script>window.__xss=1</script>";

    [Fact]
    public async Task Script_payloads_in_item_text_label_and_guideline_are_shown_literally_and_never_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new LaoshiApi(web.Api);
        var project = TestProjects.UniqueName("xss");
        var schema = new JsonObject
        {
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "text", ["kind"] = "text", ["value"] = "text" }),
            ["controls"] = new JsonArray(new JsonObject
            {
                ["name"] = "entities", ["type"] = "labels", ["toName"] = "text",
                ["labels"] = new JsonArray(new JsonObject { ["value"] = ImagePayload }, new JsonObject { ["value"] = "PER" }),
            }),
            ["guideline"] = $"Mark people. {ImagePayload}",
        };
        await api.CreateProjectAsync(project, schema, ct);
        await api.ImportAsync(project, [new JsonObject { ["data"] = new JsonObject { ["text"] = $"Hello {ScriptPayload} world {ImagePayload}" } }], ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);

        await work.OpenAsync(project);
        await Assertions.Expect(work.TextArea).ToHaveTextAsync($"Hello {ScriptPayload} world {ImagePayload}");
        await Assertions.Expect(work.Control(ImagePayload)).ToBeVisibleAsync();
        await page.GetByText("Guideline", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Mark people. {ImagePayload}")).ToBeVisibleAsync();

        await page.GotoAsync($"/#/p/{project}");
        await Assertions.Expect(page.GetByText(ScriptPayload, new() { Exact = false }).First).ToBeVisibleAsync();
        await page.GotoAsync("/#/");
        await Assertions.Expect(page.GetByText(project).First).ToBeVisibleAsync();

        // An onerror handler fires once the broken image fails to load; give it the time to.
        await page.WaitForTimeoutAsync(500);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a payload ran: window.__xss was set");
        Assert.Equal(0, await page.Locator("img[src=x], script:not([src])").CountAsync());
    }
}
