using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>The data page's filters: who annotated and whether a model predicted, kept in the URL and through paging.</summary>
public sealed class DataFilterTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private static JsonArray Choice(int i, string value) => new(new JsonObject
    {
        ["id"] = $"c{i}", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(value) },
    });

    /// <summary>The item numbers the grid shows (each card's badge starts "#id").</summary>
    private static async Task<int[]> ShownAsync(IPage page)
    {
        var badges = await page.GetByRole(AriaRole.List, new() { Name = "Items" }).Locator(".badge").AllTextContentsAsync();
        return badges.Select(b => int.Parse(Regex.Match(b, @"#(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public async Task Annotator_and_prediction_filters_narrow_the_grid_survive_a_reload_and_hold_while_paging()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("filter");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        // 150 items (positions 0..149): every 2nd has a prediction; every 3rd is annotated by "ann a", every 5th by ann-b.
        await api.ImportAsync(project, Enumerable.Range(0, 150).Select(i =>
        {
            var task = new JsonObject { ["data"] = new JsonObject { ["text"] = $"Sentence {i}" } };
            if (i % 2 == 0) task["predictions"] = new JsonArray(new JsonObject { ["model_version"] = "m1", ["result"] = Choice(i, "joy") });
            if (i % 3 == 0) task["annotations"] = new JsonArray(new JsonObject { ["completed_by"] = "ann a", ["result"] = Choice(i, "joy") });
            else if (i % 5 == 0) task["annotations"] = new JsonArray(new JsonObject { ["completed_by"] = "ann-b", ["result"] = Choice(i, "sadness") });
            return task;
        }), ct);
        // Imported items are numbered in file order.
        var first = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items?limit=1", ct))!["items"]![0]!["id"]!.GetValue<int>();
        int[] Expected(Func<int, bool> keep) => Enumerable.Range(0, 150).Where(keep).Select(i => first + i).ToArray();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}");
        var annotator = page.GetByRole(AriaRole.Combobox, new() { Name = "Annotator" });
        await Assertions.Expect(annotator.Locator("option")).ToHaveTextAsync(["Any", "ann a", "ann-b"]);

        // A name with a space goes through the filter expression whole.
        await annotator.SelectOptionAsync("ann a");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("annotator=ann\\+a"));
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(48);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(50);
        Assert.Equal(Expected(i => i % 3 == 0), await ShownAsync(page));

        // Both filters at once: annotated by ann-b and predicted; paging keeps both.
        await annotator.SelectOptionAsync("ann-b");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Has a prediction" }).CheckAsync();
        var both = Expected(i => i % 3 != 0 && i % 5 == 0 && i % 2 == 0);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(both.Length);
        Assert.Equal(both, await ShownAsync(page));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("annotator=ann-b&prediction=1"));

        // A reload reads the filters back from the URL.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Annotator" })).ToHaveValueAsync("ann-b");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Has a prediction" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(both.Length);
        Assert.Equal(both, await ShownAsync(page));

        // Only "has a prediction": 75 items over two pages, all even positions.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Annotator" }).SelectOptionAsync(new SelectOptionValue { Label = "Any" });
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(48);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(75);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeHiddenAsync();
        Assert.Equal(Expected(i => i % 2 == 0), await ShownAsync(page));
    }
}
