using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>A manager sets how work is handed out; an annotator who fails the exam is told so in the workspace.</summary>
public sealed class DistributionSettingsTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private static JsonObject Joy() => new()
    {
        ["result"] = new JsonArray(new JsonObject
        {
            ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
            ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") },
        }),
    };

    [Fact]
    public async Task A_manager_saves_overlap_order_lease_gold_rate_and_an_exam_that_an_annotator_then_fails_in_the_workspace()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("dist");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "Gold one.", "Gold two.", "Real work." }
            .Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);
        var items = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();
        foreach (var id in items.Take(2))
            (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/items/{id}/gold", Joy(), ct)).EnsureSuccessStatusCode();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        // The data grid marks gold items for those who may see them.
        await page.GotoAsync($"/#/p/{project}");
        await Assertions.Expect(page.Locator(".item-card .badge.gold")).ToHaveCountAsync(2);

        await page.GotoAsync($"/#/p/{project}/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Work distribution" })).ToBeVisibleAsync();
        var settings = page.GetByRole(AriaRole.Form, new() { Name = "Work distribution" });
        await settings.GetByLabel("People per item (overlap)").FillAsync("2");
        await settings.GetByLabel("Order").SelectOptionAsync("random");
        await settings.GetByLabel("Lease (minutes)").FillAsync("15");
        await settings.GetByLabel("Gold rate").FillAsync("0.1");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");

        var saved = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/distribution", ct))!;
        Assert.Equal(2, saved["overlap"]!.GetValue<int>());
        Assert.Equal("random", saved["order"]!.GetValue<string>());
        Assert.Equal(15, saved["lease_minutes"]!.GetValue<double>());
        Assert.Equal(0.1, saved["gold_rate"]!.GetValue<double>());

        var exam = page.GetByRole(AriaRole.Form, new() { Name = "Qualification exam" });
        await exam.GetByLabel("New annotators must pass the exam first").CheckAsync();
        await exam.GetByLabel("Pass score").FillAsync("0.8");
        foreach (var id in items.Take(2)) await exam.GetByLabel($"Item {id}", new() { Exact = true }).CheckAsync();
        await exam.GetByRole(AriaRole.Button, new() { Name = "Save exam" }).ClickAsync();
        await Assertions.Expect(exam.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        var savedExam = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/exam", ct))!;
        Assert.True(savedExam["enabled"]!.GetValue<bool>());
        Assert.Equal(items.Take(2), savedExam["items"]!.AsArray().Select(i => i!.GetValue<long>()));

        // The browser's annotator takes the exam and answers "sadness" where gold says "joy": no real work follows.
        var work = new Workspace(page);
        await page.GotoAsync($"/#/p/{project}/work");
        for (var i = 0; i < 2; i++)
        {
            var id = await work.ItemIdAsync();
            Assert.Contains(id, items.Take(2));
            await work.Control("sadness").ClickAsync();
            await work.Button("Submit").ClickAsync();
            if (i == 0) await work.NextItemIdAsync(id);
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not qualified: score 0 < 0.8");
    }
}
