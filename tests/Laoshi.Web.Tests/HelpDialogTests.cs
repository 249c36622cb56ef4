namespace Laoshi.Web.Tests;

/// <summary>The keyboard help: a modal dialog that keeps focus inside it and gives it back when it closes.</summary>
public sealed class HelpDialogTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task The_help_dialog_keeps_Tab_inside_it_lists_the_region_keys_and_Escape_returns_focus()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(api, "help", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        await work.OpenAsync(project);

        var skip = work.Button("Skip");
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("?");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        foreach (var key in new[] { "[ / ]", "Shift+H", "Shift+L", "Shift+P" })
            await Assertions.Expect(dialog.Locator("kbd", new() { HasTextString = key })).ToHaveCountAsync(1);

        foreach (var key in new[] { "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab" })
        {
            await page.Keyboard.PressAsync(key);
            Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('[role=dialog]').contains(document.activeElement)"),
                $"focus left the help dialog after {key}");
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(skip).ToBeFocusedAsync();
    }
}
