using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Boxes and polygons drawn with the mouse over a picture, saved in percent of the picture.</summary>
public sealed class ImageWorkspaceTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_box_dragged_across_the_picture_is_saved_with_its_label_in_percent_and_the_next_item_appears()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "boxes", TestProjects.BoxConfig, 2, ct);
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        var first = await work.OpenAsync(project);

        await work.Control("lamp").ClickAsync();
        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.20, 0.30);
        var (x1, y1) = Workspace.At(picture, 0.60, 0.75);
        await work.DragAsync(x0, y0, x1, y1);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await work.Button("Submit").ClickAsync();

        var next = await work.NextItemIdAsync(first);
        Assert.NotEqual(first, next);
        var result = await api.AnnotationResultAsync(project, first, ct);
        var box = Assert.Single(result)!;
        Assert.Equal("rectanglelabels", box["type"]!.GetValue<string>());
        var value = box["value"]!;
        Assert.Equal(["lamp"], value["rectanglelabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        AssertNear(20, value["x"]);
        AssertNear(30, value["y"]);
        AssertNear(40, value["width"]);
        AssertNear(45, value["height"]);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Undo_and_redo_take_back_and_restore_a_box_by_button_and_by_keyboard()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "undo", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        await work.OpenAsync(project);

        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.1, 0.1);
        var (x1, y1) = Workspace.At(picture, 0.3, 0.3);
        await work.DragAsync(x0, y0, x1, y1);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        await work.Button("Undo").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);
        await work.Button("Redo").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await browser.Page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);
        await browser.Page.Keyboard.PressAsync("Control+Shift+Z");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_polygon_clicked_point_by_point_and_then_reshaped_by_dragging_a_corner_is_saved_reshaped()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "polygons", TestProjects.PolygonConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        var id = await work.OpenAsync(project);

        await work.Control("door").ClickAsync();
        var picture = await work.ImageBoxAsync();
        (double, double)[] corners = [(0.2, 0.2), (0.6, 0.2), (0.6, 0.6), (0.2, 0.6)];
        foreach (var (fx, fy) in corners)
        {
            var (x, y) = Workspace.At(picture, fx, fy);
            await browser.Page.Mouse.ClickAsync((float)x, (float)y);
        }
        await browser.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        // Click inside the polygon to select it, so its corners show handles; then pull the third corner outwards.
        var (ix, iy) = Workspace.At(picture, 0.4, 0.4);
        await browser.Page.Mouse.ClickAsync((float)ix, (float)iy);
        await Assertions.Expect(work.ImageArea.Locator("[data-vertex]")).ToHaveCountAsync(4);
        var (cx, cy) = Workspace.At(picture, 0.6, 0.6);
        var (tx, ty) = Workspace.At(picture, 0.8, 0.9);
        await work.DragAsync(cx, cy, tx, ty);
        await work.Button("Submit").ClickAsync();

        var result = await api.AnnotationResultAsync(project, id, ct);
        var polygon = Assert.Single(result)!;
        Assert.Equal("polygonlabels", polygon["type"]!.GetValue<string>());
        Assert.Equal(["door"], polygon["value"]!["polygonlabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var points = polygon["value"]!["points"]!.AsArray();
        Assert.Equal(4, points.Count);
        AssertNear(20, points[0]![0]); AssertNear(20, points[0]![1]);
        AssertNear(60, points[1]![0]); AssertNear(20, points[1]![1]);
        AssertNear(80, points[2]![0]); AssertNear(90, points[2]![1]);
        AssertNear(20, points[3]![0]); AssertNear(60, points[3]![1]);
    }

    [Fact]
    public async Task A_model_pre_label_accepted_with_one_click_becomes_the_saved_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        var predicted = new JsonObject
        {
            ["model_version"] = "detector-v1",
            ["score"] = 0.9,
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "p1", ["from_name"] = "furniture", ["to_name"] = "image", ["type"] = "rectanglelabels",
                ["value"] = new JsonObject { ["x"] = 10, ["y"] = 15, ["width"] = 30, ["height"] = 25, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray("sofa") },
            }),
        };
        var project = await TestProjects.ImagesAsync(api, "prelabel", TestProjects.BoxConfig, 1, ct, _ => predicted.DeepClone().AsObject());
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        var id = await work.OpenAsync(project);

        await Assertions.Expect(work.Regions).ToHaveCountAsync(0);
        await work.Button("Accept pre-labels").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await work.Button("Submit").ClickAsync();

        var box = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!;
        Assert.Equal(["sofa"], box["value"]!["rectanglelabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        AssertNear(10, box["value"]!["x"]);
        AssertNear(15, box["value"]!["y"]);
        AssertNear(30, box["value"]!["width"]);
        AssertNear(25, box["value"]!["height"]);
    }

    private static void AssertNear(double expected, JsonNode? actual) =>
        Assert.InRange(actual!.GetValue<double>(), expected - 0.5, expected + 0.5);
}
