using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>
/// Boxes turned with the rotation handle and with [ and ], then moved and resized in their own frame; saved as
/// Label Studio does: rotation in degrees clockwise about the top-left corner, measured in image pixels.
/// </summary>
public sealed class RotatedBoxTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_box_turned_by_its_handle_and_by_the_bracket_keys_is_saved_turned_about_its_centre()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "rotate", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        var id = await work.OpenAsync(project);

        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.40, 0.35);
        var (x1, y1) = Workspace.At(picture, 0.60, 0.65);
        await work.DragAsync(x0, y0, x1, y1);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        // Select the box, then pull its rotation handle (above the top edge) round to the right of the centre,
        // holding Shift so the turn snaps to 15° steps: a quarter turn clockwise.
        var (cx, cy) = Workspace.At(picture, 0.5, 0.5);
        await page.Mouse.ClickAsync((float)cx, (float)cy);
        var handle = work.ImageArea.Locator("[data-rotate]");
        await Assertions.Expect(handle).ToHaveCountAsync(1);
        var knob = (await handle.BoundingBoxAsync())!;
        var (hx, hy) = (knob.X + knob.Width / 2, knob.Y + knob.Height / 2);
        Assert.True(hy < y0, "the rotation handle sits above the box");
        var radius = cy - hy;
        await page.Keyboard.DownAsync("Shift");
        await work.DragAsync(hx, hy, cx + radius, cy, steps: 12);
        await page.Keyboard.UpAsync("Shift");
        await Assertions.Expect(work.Button("Region 1")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("90\\.0°"));
        await Assertions.Expect(work.ImageArea.Locator("polygon.region")).ToHaveCountAsync(1);

        // Shift+[ turns back 15°, ] turns on 1°: 90 - 15 + 2 = 77.
        await page.Keyboard.PressAsync("Shift+BracketLeft");
        await page.Keyboard.PressAsync("BracketRight");
        await page.Keyboard.PressAsync("BracketRight");
        await Assertions.Expect(work.Button("Region 1")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("77\\.0°"));
        await work.Button("Submit").ClickAsync();

        var box = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!;
        var value = box["value"]!;
        Assert.Equal(77, value["rotation"]!.GetValue<double>(), 3);
        // Turning kept the size and the centre where they were drawn (20% × 30% around the middle of the picture).
        AssertNear(20, value["width"]);
        AssertNear(30, value["height"]);
        var frame = Frame.Of(box);
        var (mx, my) = frame.BoxPoint(value, 0.5, 0.5);
        Assert.InRange(mx, 49.5, 50.5);
        Assert.InRange(my, 49.5, 50.5);
    }

    [Fact]
    public async Task A_turned_box_moves_with_the_hand_and_resizes_along_its_own_edges_keeping_its_rotation()
    {
        var ct = TestContext.Current.CancellationToken;
        var predicted = new JsonObject
        {
            ["model_version"] = "detector-v1",
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "p1", ["from_name"] = "furniture", ["to_name"] = "image", ["type"] = "rectanglelabels",
                ["value"] = new JsonObject { ["x"] = 35, ["y"] = 25, ["width"] = 20, ["height"] = 20, ["rotation"] = 30, ["rectanglelabels"] = new JsonArray("sofa") },
            }),
        };
        var project = await TestProjects.ImagesAsync(api, "rotmove", TestProjects.BoxConfig, 1, ct, _ => predicted.DeepClone().AsObject());
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        var id = await work.OpenAsync(project);
        await work.Button("Accept pre-labels").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        var picture = await work.ImageBoxAsync();
        var size = await work.ImageArea.Locator("img").EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
        var frame = new Frame(size[0], size[1]);
        var start = new JsonObject { ["x"] = 35.0, ["y"] = 25.0, ["width"] = 20.0, ["height"] = 20.0, ["rotation"] = 30.0 };

        // Grab the middle of the turned box and move it 60 px right and 20 px down.
        var (mx, my) = frame.BoxPoint(start, 0.5, 0.5);
        var (sx, sy) = Workspace.At(picture, mx / 100, my / 100);
        await work.DragAsync(sx, sy, sx + 60, sy + 20);
        var movedX = 35 + 60 * 100 / picture.Width;
        var movedY = 25 + 20 * 100 / picture.Height;

        // Pull the bottom-right corner 30 px further along the box's own diagonal: along its turned edges.
        var corner = (await work.ImageArea.Locator("[data-corner=se]").BoundingBoxAsync())!;
        var (kx, ky) = (corner.X + corner.Width / 2, corner.Y + corner.Height / 2);
        var turn = 30 * Math.PI / 180;
        const double along = 30;
        await work.DragAsync(kx, ky, kx + along * (Math.Cos(turn) - Math.Sin(turn)), ky + along * (Math.Sin(turn) + Math.Cos(turn)));
        await work.Button("Submit").ClickAsync();

        var value = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!["value"]!;
        Assert.Equal(30, value["rotation"]!.GetValue<double>(), 3);
        // The top-left corner stays where the move put it; width and height grow by the distance along each edge.
        AssertNear(movedX, value["x"]);
        AssertNear(movedY, value["y"]);
        AssertNear(20 + along * 100 / picture.Width, value["width"]);
        AssertNear(20 + along * 100 / picture.Height, value["height"]);
    }

    private static void AssertNear(double expected, JsonNode? actual) =>
        Assert.InRange(actual!.GetValue<double>(), expected - 0.5, expected + 0.5);

    /// <summary>An image's pixel size, for turning a percent box the way Label Studio does.</summary>
    private sealed record Frame(double Width, double Height)
    {
        public static Frame Of(JsonNode result) =>
            new(result["original_width"]!.GetValue<double>(), result["original_height"]!.GetValue<double>());

        /// <summary>The point at a fraction of the box along its own edges, in percent of the image.</summary>
        public (double X, double Y) BoxPoint(JsonNode value, double fx, double fy)
        {
            double V(string key) => value[key]!.GetValue<double>();
            var turn = V("rotation") * Math.PI / 180;
            var (dx, dy) = (fx * V("width") * Width / 100, fy * V("height") * Height / 100);
            var px = V("x") * Width / 100 + dx * Math.Cos(turn) - dy * Math.Sin(turn);
            var py = V("y") * Height / 100 + dx * Math.Sin(turn) + dy * Math.Cos(turn);
            return (px * 100 / Width, py * 100 / Height);
        }
    }
}
