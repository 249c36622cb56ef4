namespace Laoshi.Web.Tests;

/// <summary>
/// The picture of the workspace in the README. The test always renders it; it rewrites docs/workspace.png only
/// with LAOSHI_UPDATE_SCREENSHOT=1, so ordinary runs leave the working tree clean.
/// </summary>
public sealed class ScreenshotTests(WebFixture web)
{
    [Fact]
    public async Task The_demo_workspace_renders_a_picture_with_its_pre_labels_and_palette()
    {
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        // Items 11 to 16 of the demo carry a model's pre-labels; open one so the picture shows them.
        var id = await FirstPredictedItemAsync(TestContext.Current.CancellationToken);
        await page.GotoAsync($"/#/p/{Laoshi.Server.Demo.DemoBuilder.ImagesProject}/work?item={id}");
        await work.ItemIdAsync();
        var picture = await work.ImageBoxAsync();
        await work.Control("sofa").ClickAsync();
        var (x0, y0) = Workspace.At(picture, 0.55, 0.55);
        var (x1, y1) = Workspace.At(picture, 0.85, 0.9);
        await work.DragAsync(x0, y0, x1, y1);
        await work.Control("living room").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        var png = await page.ScreenshotAsync();
        Assert.True(png.Length > 10_000, "the screenshot is suspiciously small");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        if (Environment.GetEnvironmentVariable("LAOSHI_UPDATE_SCREENSHOT") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(RepoPaths.WorkspaceScreenshot)!);
            await File.WriteAllBytesAsync(RepoPaths.WorkspaceScreenshot, png, TestContext.Current.CancellationToken);
        }
    }

    private async Task<long> FirstPredictedItemAsync(CancellationToken ct)
    {
        var api = new LaoshiApi(web.Api);
        for (var id = 1L; id < 100; id++)
        {
            var item = await api.ItemAsync(Laoshi.Server.Demo.DemoBuilder.ImagesProject, id, ct);
            if (item["predictions"]!.AsArray().Count > 0 && item["annotations"]!.AsArray().Count == 0) return id;
        }
        throw new InvalidOperationException("the demo has no image item with pre-labels and no answer");
    }
}
