using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>A manager switches the queue to an active-learning order with a random share and scores it with a model.</summary>
public sealed class ActiveLearningQueueTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_manager_picks_margin_order_with_a_random_share_and_scores_the_queue_with_a_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("al");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "Sure.", "Unsure.", "Fairly sure." }
            .Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);
        var items = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();
        double[] joy = [0.95, 0.5, 0.8];
        for (var i = 0; i < items.Count; i++)
        {
            var prediction = new JsonObject
            {
                ["model_version"] = "v1", ["score"] = Math.Max(joy[i], 1 - joy[i]),
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "p", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray("joy"), ["scores"] = new JsonObject { ["joy"] = joy[i], ["sadness"] = 1 - joy[i] } },
                }),
            };
            (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/items/{items[i]}/predictions", prediction, ct)).EnsureSuccessStatusCode();
        }

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}/settings");
        var settings = page.GetByRole(AriaRole.Form, new() { Name = "Work distribution" });
        await Assertions.Expect(settings.GetByLabel("Random share")).ToBeHiddenAsync();
        await settings.GetByLabel("Order").SelectOptionAsync("margin");
        await settings.GetByLabel("Random share").FillAsync("0.2");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        var saved = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/distribution", ct))!;
        Assert.Equal(("margin", 0.2), (saved["order"]!.GetValue<string>(), saved["random_share"]!.GetValue<double>()));

        var queue = page.GetByRole(AriaRole.Region, new() { Name = "Active-learning queue" });
        await Assertions.Expect(queue).ToContainTextAsync("has not been scored yet");
        await queue.GetByLabel("Model").FillAsync("predictions:v1");
        await queue.GetByRole(AriaRole.Button, new() { Name = "Score the queue now" }).ClickAsync();
        await Assertions.Expect(queue.Locator(".queue-scored")).ToContainTextAsync("with v1: 3 items", new() { Timeout = 30_000 });
        await Assertions.Expect(queue.Locator(".queue-scored")).ToContainTextAsync("smallest margin first");
        var scoring = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/distribution", ct))!["scoring"]!;
        Assert.Equal(("margin", 3L), (scoring["strategy"]!.GetValue<string>(), scoring["items"]!.GetValue<long>()));
    }
}
