using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>The annotation workspace as a person sees it: controls found by role and accessible name.</summary>
public sealed class Workspace(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Root => Page.Locator("section.workspace");

    /// <summary>Opens a project's workspace and waits until an item is drawn; returns its id.</summary>
    public async Task<long> OpenAsync(string project)
    {
        await Page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/work");
        return await ItemIdAsync();
    }

    public async Task<long> ItemIdAsync()
    {
        var drawn = Page.Locator("[data-item-id]");
        await drawn.WaitForAsync();
        return long.Parse((await drawn.GetAttributeAsync("data-item-id"))!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the workspace shows an item other than <paramref name="previous"/>.</summary>
    public async Task<long> NextItemIdAsync(long previous)
    {
        await Page.WaitForFunctionAsync(
            "previous => { const e = document.querySelector('[data-item-id]'); return e && e.getAttribute('data-item-id') !== previous; }",
            previous.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await ItemIdAsync();
    }

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A label or choice control, whatever role the UI gives it (toggle button, radio, checkbox).</summary>
    public ILocator Control(string name) =>
        Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })
            .Or(Page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true }))
            .Or(Page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }));

    public ILocator ImageArea => Page.GetByRole(AriaRole.Application, new() { Name = "Image annotation" });

    public ILocator TextArea => Page.GetByRole(AriaRole.Document, new() { Name = "Text" });

    public ILocator Waveform => Page.GetByRole(AriaRole.Application, new() { Name = "Waveform" });

    public ILocator Regions => Page.GetByRole(AriaRole.List, new() { Name = "Regions" }).GetByRole(AriaRole.Listitem);

    /// <summary>The picture's box on screen once it has loaded.</summary>
    public async Task<LocatorBoundingBoxResult> ImageBoxAsync()
    {
        var img = ImageArea.Locator("img");
        await img.WaitForAsync();
        await Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await img.ElementHandleAsync());
        // The workspace fits the picture into view a frame after it loads: wait until its box stops changing.
        await img.EvaluateAsync("""
            async img => {
              const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              let last = '';
              for (let i = 0; i < 100; i++) {
                await frame();
                const r = img.getBoundingClientRect();
                const now = [r.x, r.y, r.width, r.height].join();
                if (now === last) return;
                last = now;
              }
            }
            """);
        return (await img.BoundingBoxAsync())!;
    }

    /// <summary>Presses the mouse at one point, moves in steps as a hand does, releases at the other.</summary>
    public async Task DragAsync(double x0, double y0, double x1, double y1, int steps = 8)
    {
        await Page.Mouse.MoveAsync((float)x0, (float)y0);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)x1, (float)y1, new() { Steps = steps });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Screen point at a fraction of the picture.</summary>
    public static (double X, double Y) At(LocatorBoundingBoxResult box, double fx, double fy) =>
        (box.X + box.Width * fx, box.Y + box.Height * fy);
}
