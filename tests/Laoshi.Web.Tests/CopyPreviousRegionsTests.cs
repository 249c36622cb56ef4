using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The regions submitted on the previous item, copied onto the next one in a single undoable step.</summary>
public sealed class CopyPreviousRegionsTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task The_boxes_submitted_on_the_previous_item_are_copied_by_button_and_by_Shift_P_and_saved_on_the_next()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "copyprev", TestProjects.BoxConfig, 2, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        var first = await work.OpenAsync(project);
        var status = page.GetByRole(AriaRole.Status);

        // Nothing submitted yet in this session: a message, and nothing added.
        await page.Keyboard.PressAsync("Shift+P");
        await Assertions.Expect(status).ToContainTextAsync("No regions to copy");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(work.Control("lamp")).ToHaveAttributeAsync("aria-pressed", "true");
        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.1, 0.2);
        var (x1, y1) = Workspace.At(picture, 0.4, 0.5);
        await work.DragAsync(x0, y0, x1, y1);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await work.Button("Submit").ClickAsync();
        var second = await work.NextItemIdAsync(first);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);

        await work.Button("Copy regions from previous item").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Shift+P");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Shift+P");
        await Assertions.Expect(status).ToContainTextAsync("already here");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await work.Button("Submit").ClickAsync();

        var box = Assert.Single(await api.AnnotationResultAsync(project, second, ct))!;
        Assert.Equal(["lamp"], box["value"]!["rectanglelabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        AssertNear(10, box["value"]!["x"]);
        AssertNear(20, box["value"]!["y"]);
        AssertNear(30, box["value"]!["width"]);
        AssertNear(30, box["value"]!["height"]);
    }

    private static void AssertNear(double expected, JsonNode? actual) =>
        Assert.InRange(actual!.GetValue<double>(), expected - 0.5, expected + 0.5);
}
