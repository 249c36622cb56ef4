using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Hiding a region takes it off the picture (and out of reach of the mouse); locking it keeps it from changing.</summary>
public sealed class HiddenAndLockedRegionTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_hidden_box_cannot_be_clicked_on_the_picture_until_it_is_shown_again_by_button_or_by_Shift_H()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "hide", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        await work.OpenAsync(project);

        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.2, 0.2);
        var (x1, y1) = Workspace.At(picture, 0.5, 0.5);
        await work.DragAsync(x0, y0, x1, y1);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        var region = work.Button("Region 1");
        var hide = work.Button("Hide region 1");
        var (ix, iy) = Workspace.At(picture, 0.35, 0.35);
        // Regions drawn on the picture (handles of the selected one are drawn on a layer above).
        var drawn = work.ImageArea.Locator("g.regions [data-id]");

        await page.Mouse.ClickAsync((float)ix, (float)iy);
        await Assertions.Expect(region).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(region).ToHaveAttributeAsync("aria-pressed", "false");

        await hide.ClickAsync();
        await Assertions.Expect(hide).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(drawn).ToHaveCountAsync(0);
        await page.Mouse.ClickAsync((float)ix, (float)iy);
        await Assertions.Expect(region).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        await hide.ClickAsync();
        await Assertions.Expect(hide).ToHaveAttributeAsync("aria-pressed", "false");
        await page.Mouse.ClickAsync((float)ix, (float)iy);
        await Assertions.Expect(region).ToHaveAttributeAsync("aria-pressed", "true");

        // The same with the keyboard, on the selected region.
        await page.Keyboard.PressAsync("Shift+H");
        await Assertions.Expect(hide).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(drawn).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Shift+H");
        await Assertions.Expect(hide).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(drawn).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_locked_box_stays_put_when_dragged_or_nudged_and_is_not_deleted_but_is_saved()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "lock", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        var id = await work.OpenAsync(project);

        var picture = await work.ImageBoxAsync();
        var (x0, y0) = Workspace.At(picture, 0.2, 0.2);
        var (x1, y1) = Workspace.At(picture, 0.5, 0.5);
        await work.DragAsync(x0, y0, x1, y1);
        var (ix, iy) = Workspace.At(picture, 0.35, 0.35);
        await page.Mouse.ClickAsync((float)ix, (float)iy);
        await page.Keyboard.PressAsync("Shift+L");
        var lockButton = work.Button("Lock region 1");
        await Assertions.Expect(lockButton).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(work.Button("Delete region 1")).ToBeDisabledAsync();
        await Assertions.Expect(work.ImageArea.Locator("[data-corner]")).ToHaveCountAsync(0);

        var (tx, ty) = Workspace.At(picture, 0.7, 0.7);
        await work.DragAsync(ix, iy, tx, ty);
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await Assertions.Expect(work.Button("Region 1")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("locked");

        // Unlocking gives the delete button back; the box is submitted where it was drawn.
        await lockButton.ClickAsync();
        await Assertions.Expect(lockButton).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(work.Button("Delete region 1")).ToBeEnabledAsync();
        await work.Button("Submit").ClickAsync();

        var value = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!["value"]!;
        AssertNear(20, value["x"]);
        AssertNear(20, value["y"]);
        AssertNear(30, value["width"]);
        AssertNear(30, value["height"]);
    }

    [Fact]
    public async Task In_Chinese_the_hide_lock_and_copy_controls_and_the_rotation_handle_are_named_in_Chinese()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "zhnames", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync("zh-CN");
        var page = browser.Page;
        var work = new Workspace(page);
        await work.OpenAsync(project);

        var area = page.GetByRole(AriaRole.Application, new() { Name = "图像标注" });
        // The picture is fitted into view a frame after it loads.
        await page.WaitForFunctionAsync("() => document.querySelector('.image-area img')?.naturalWidth > 0");
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var picture = (await area.Locator("img").BoundingBoxAsync())!;
        var (x0, y0) = Workspace.At(picture, 0.3, 0.3);
        var (x1, y1) = Workspace.At(picture, 0.6, 0.6);
        await work.DragAsync(x0, y0, x1, y1);
        var (ix, iy) = Workspace.At(picture, 0.45, 0.45);
        await page.Mouse.ClickAsync((float)ix, (float)iy);

        await Assertions.Expect(work.Button("隐藏区域 1")).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("锁定区域 1")).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("复制上一条的区域")).ToBeVisibleAsync();
        await Assertions.Expect(area.Locator("[data-rotate] title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^旋转"));
    }

    private static void AssertNear(double expected, JsonNode? actual) =>
        Assert.InRange(actual!.GetValue<double>(), expected - 0.5, expected + 0.5);
}
