using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>
/// A reviewer accepts one answer with its hotkey and rejects another with a comment through the dialog; the
/// annotator then finds the comment under "My reviews".
/// </summary>
public sealed class ReviewPageTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    /// <summary>A browser profile in which the UI acts as <paramref name="user"/> (the one place that decides how).</summary>
    private async Task<BrowserPage> AsAsync(string user)
    {
        var browser = await web.OpenAsync();
        await browser.Context.AddInitScriptAsync($"localStorage.setItem('laoshi.user', {System.Text.Json.JsonSerializer.Serialize(user)});");
        return browser;
    }

    [Fact]
    public async Task A_reviewer_accepts_with_a_hotkey_and_rejects_with_a_comment_that_the_annotator_then_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("review");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "李明今天很开心。", "王芳丢了钱包。" }.Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);

        // The annotator answers both items with keys alone: "j" (joy) and Ctrl+Enter.
        await using (var annotator = await AsAsync("ann@example.org"))
        {
            var work = new Workspace(annotator.Page);
            var first = await work.OpenAsync(project);
            await annotator.Page.Keyboard.PressAsync("j");
            await annotator.Page.Keyboard.PressAsync("Control+Enter");
            await work.NextItemIdAsync(first);
            await annotator.Page.Keyboard.PressAsync("j");
            await annotator.Page.Keyboard.PressAsync("Control+Enter");
            await Assertions.Expect(annotator.Page.GetByText("Nothing left to annotate in this project.")).ToBeVisibleAsync();
        }

        await using (var reviewer = await AsAsync("rev@example.org"))
        {
            var page = reviewer.Page;
            await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/review");
            var queue = page.GetByRole(AriaRole.List, new() { Name = "Review queue" }).GetByRole(AriaRole.Button);
            await Assertions.Expect(queue).ToHaveCountAsync(2);
            // The first answer opens by itself, read-only, with its answer listed.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Item", Exact = false }).First).ToContainTextAsync("ann@example.org");
            await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Answer" })).ToContainTextAsync("emotion: joy");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveAttributeAsync("aria-keyshortcuts", "Alt+A");

            await page.Keyboard.PressAsync("Alt+KeyA");
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Accepted." })).ToBeVisibleAsync();
            await Assertions.Expect(queue).ToHaveCountAsync(1);

            await page.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Reject" });
            // An empty comment is not sent.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject with comment" }).ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Write what the annotator should change.");
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Comment for the annotator" }).FillAsync("钱包丢了应该是悲伤 (sadness).");
            await page.Keyboard.PressAsync("Control+Enter");
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("Nothing waits for review.")).ToBeVisibleAsync();
        }

        await using (var annotator = await AsAsync("ann@example.org"))
        {
            var page = annotator.Page;
            await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}");
            await page.GetByRole(AriaRole.Link, new() { Name = "My reviews" }).ClickAsync();
            var mine = page.GetByRole(AriaRole.List, new() { Name = "My reviews" }).GetByRole(AriaRole.Listitem);
            await Assertions.Expect(mine).ToHaveCountAsync(1);
            await Assertions.Expect(mine).ToContainTextAsync("钱包丢了应该是悲伤 (sadness).");
            await Assertions.Expect(mine).ToContainTextAsync("rejected by rev@example.org");
            await Assertions.Expect(mine).ToContainTextAsync("Waiting for your new answer.");
        }
    }
}
