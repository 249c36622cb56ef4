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

    [Fact]
    public async Task A_reviewer_accepts_with_a_hotkey_and_rejects_with_a_comment_that_the_annotator_then_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("review");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "李明今天很开心。", "王芳丢了钱包。" }.Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);

        // The annotator answers both items with keys alone: "j" (joy) and Ctrl+Enter.
        await using (var annotator = await web.OpenAsAsync("ann@example.org", project, "annotator"))
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

        await using (var reviewer = await web.OpenAsAsync("rev@example.org", project, "reviewer"))
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

        await using (var annotator = await web.OpenAsAsync("ann@example.org", project, "annotator"))
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

    [Fact]
    public async Task A_correction_is_made_in_the_prefilled_workspace_and_a_disagreement_is_settled_by_adopting_one_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("adjudicate");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "今天下雨了。", "他笑了。" }.Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);
        var ids = new List<long>();
        foreach (var (user, key) in new[] { ("a@example.org", "j"), ("b@example.org", "s") })
        {
            await using var annotator = await web.OpenAsAsync(user, project, "annotator");
            var work = new Workspace(annotator.Page);
            // Both people answer the same first item; a also answers the second.
            var id = ids.Count == 0 ? await work.OpenAsync(project) : await OpenItemAsync(work, project, ids[0]);
            ids.Add(id);
            await annotator.Page.Keyboard.PressAsync(key);
            await annotator.Page.Keyboard.PressAsync("Control+Enter");
            if (user == "a@example.org")
            {
                await work.NextItemIdAsync(id);
                ids.Add(await work.ItemIdAsync());
                await annotator.Page.Keyboard.PressAsync("j");
                await annotator.Page.Keyboard.PressAsync("Control+Enter");
                await Assertions.Expect(annotator.Page.GetByText("Nothing left to annotate in this project.")).ToBeVisibleAsync();
            }
            else await Assertions.Expect(annotator.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Submitted" })).ToBeVisibleAsync();
        }
        var (shared, single) = (ids[0], ids[1]);

        await using var reviewer = await web.OpenAsAsync("judge@example.org", project, "reviewer");
        var page = reviewer.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/review?annotator={Uri.EscapeDataString("a@example.org")}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open item {single} by a@example.org" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Item {single} · a@example.org", Exact = false })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Alt+KeyC");
        // The workspace opens with the annotator's answer; the reviewer changes it and submits the correction.
        var correct = page.GetByRole(AriaRole.Button, new() { Name = "Submit correction" });
        await Assertions.Expect(correct).ToBeVisibleAsync();
        await Assertions.Expect(new Workspace(page).Control("joy")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("s");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Correction saved." })).ToBeVisibleAsync();
        var item = await api.ItemAsync(project, single, ct);
        var current = item["annotations"]!.AsArray().Single()!;
        Assert.Equal(("a@example.org", "sadness"), (current["completed_by"]!.GetValue<string>(), current["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Adjudication" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open item {shared}, agreement 0%" }).ClickAsync();
        var columns = page.GetByRole(AriaRole.Article);
        await Assertions.Expect(columns).ToHaveCountAsync(2);
        await Assertions.Expect(columns.Filter(new() { HasText = "b@example.org" })).ToContainTextAsync("emotion: sadness");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the answer of b@example.org" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Agreed answer saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No disagreements wait for adjudication.")).ToBeVisibleAsync();

        var export = await web.Api.GetStringAsync($"/api/v1/projects/{project}/export?format=jsonl", ct);
        var first = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Single(t => t["id"]!.GetValue<long>() == shared);
        var agreed = first["annotations"]!.AsArray().Single()!;
        Assert.Equal("b@example.org", agreed["completed_by"]!.GetValue<string>());
    }

    private static async Task<long> OpenItemAsync(Workspace work, string project, long id)
    {
        await work.Page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/work?item={id}");
        return await work.ItemIdAsync();
    }
}
