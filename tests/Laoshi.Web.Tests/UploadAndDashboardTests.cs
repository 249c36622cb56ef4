using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>Uploading data files on the data page, and the project dashboard's charts.</summary>
public sealed class UploadAndDashboardTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task Files_uploaded_on_the_data_page_fill_the_progress_bar_and_the_grid_and_a_bad_row_is_listed_with_its_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("upload");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        var folder = Directory.CreateTempSubdirectory("laoshi-upload-");
        try
        {
            // Two files: 3,000 good rows, and one with a broken second line (imported with "skip bad rows").
            var good = Path.Combine(folder.FullName, "sentences.jsonl");
            await File.WriteAllLinesAsync(good, Enumerable.Range(0, 3000).Select(i => new JsonObject { ["text"] = $"Sentence {i} uploaded from the browser." }.ToJsonString()), ct);
            var bad = Path.Combine(folder.FullName, "broken.jsonl");
            await File.WriteAllLinesAsync(bad, ["{\"text\": \"fine\"}", "{\"text\": ", "{\"text\": \"also fine\"}"], ct);

            await using var browser = await web.OpenAsync();
            var page = browser.Page;
            await page.GotoAsync($"/#/p/{project}");
            await page.GetByText("Upload data").ClickAsync();
            await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync([good, bad]);
            await page.GetByLabel("Import the good rows").CheckAsync();
            var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Upload progress" });
            await Assertions.Expect(bar).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported" })).ToContainTextAsync("Imported 3002 items");
            await Assertions.Expect(bar).ToBeVisibleAsync();
            await Assertions.Expect(bar).ToHaveAttributeAsync("value", "100");
            await Assertions.Expect(page.Locator(".upload").GetByRole(AriaRole.Alert)).ToContainTextAsync("broken.jsonl · line 2");
            await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Items" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(48);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_dashboard_draws_progress_annotations_per_day_labels_and_people_as_named_charts()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("dash");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        // Five items: ann-a answers three (joy, joy, sadness), ann-b one (joy); one is left.
        JsonObject Task(int i, string? who, string? choice)
        {
            var task = new JsonObject { ["data"] = new JsonObject { ["text"] = $"Item {i}" } };
            if (who is not null)
            {
                task["annotations"] = new JsonArray(new JsonObject
                {
                    ["completed_by"] = who, ["lead_time"] = 4,
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["id"] = $"c{i}", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
                    }),
                });
            }
            return task;
        }
        await api.ImportAsync(project, [Task(0, "ann-a", "joy"), Task(1, "ann-a", "joy"), Task(2, "ann-a", "sadness"), Task(3, "ann-b", "joy"), Task(4, null, null)], ct);

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}/dashboard");

        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress" });
        await Assertions.Expect(progress).ToHaveAttributeAsync("aria-valuenow", "80");
        var overTime = page.GetByRole(AriaRole.Img, new() { Name = "Progress over time (annotations so far, UTC days)" });
        await Assertions.Expect(overTime.Locator("circle.point")).ToHaveCountAsync(1);
        await Assertions.Expect(overTime.Locator("circle.point title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(": 4$"));
        var perDay = page.GetByRole(AriaRole.Img, new() { Name = "Annotations per day (UTC)" });
        await Assertions.Expect(perDay.Locator("rect")).ToHaveCountAsync(1);
        var labels = page.GetByRole(AriaRole.Img, new() { Name = "Label distribution" });
        await Assertions.Expect(labels.Locator("rect")).ToHaveCountAsync(2);
        await Assertions.Expect(labels.Locator("text.axis")).ToHaveTextAsync(["joy", "sadness"]);
        var people = page.GetByRole(AriaRole.Img, new() { Name = "Annotations per person" });
        await Assertions.Expect(people.Locator("rect")).ToHaveCountAsync(2);
        await Assertions.Expect(people.Locator("text.axis")).ToHaveTextAsync(["ann-a", "ann-b"]);

        // The numbers behind each chart are a table for screen readers.
        var peopleTable = page.GetByRole(AriaRole.Table, new() { Name = "Annotations per person" });
        await Assertions.Expect(peopleTable.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(peopleTable.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("ann-a");
        await Assertions.Expect(peopleTable.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("3");
        var labelTable = page.GetByRole(AriaRole.Table, new() { Name = "Label distribution" });
        await Assertions.Expect(labelTable.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["joy", "3"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Annotations per day (UTC)" }).GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("4");
    }
}
