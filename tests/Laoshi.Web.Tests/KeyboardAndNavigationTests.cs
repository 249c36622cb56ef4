using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Getting to the work from the project list, answering with the keyboard alone, and skipping.</summary>
public sealed class KeyboardAndNavigationTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task From_the_project_list_an_annotator_opens_the_work_answers_with_hotkeys_alone_and_skips_an_item()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("keys");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, new[] { "Anna flew to Paris.", "Ben stayed home.", "Chen met Dana." }
            .Select(text => new JsonObject { ["data"] = new JsonObject { ["text"] = text } }), ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);

        await page.GotoAsync("/#/");
        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = project }) });
        await card.GetByRole(AriaRole.Link, new() { Name = "Annotate" }).ClickAsync();
        var first = await work.ItemIdAsync();
        await Assertions.Expect(work.TextArea).ToHaveTextAsync("Anna flew to Paris.");

        // Select "Anna" with Shift+→ four times, label it PER with its hotkey, choose joy with its hotkey, submit with Ctrl+Enter.
        await work.TextArea.FocusAsync();
        for (var i = 0; i < 4; i++) await page.Keyboard.PressAsync("Shift+ArrowRight");
        await page.Keyboard.PressAsync("p");
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(work.Control("joy")).ToHaveAttributeAsync("aria-checked", "true");
        await page.Keyboard.PressAsync("Control+Enter");
        var second = await work.NextItemIdAsync(first);
        await Assertions.Expect(work.TextArea).ToHaveTextAsync("Ben stayed home.");

        var result = await api.AnnotationResultAsync(project, first, ct);
        var span = result.Single(r => r!["type"]!.GetValue<string>() == "labels")!["value"]!;
        Assert.Equal("Anna", span["text"]!.GetValue<string>());
        Assert.Equal(["PER"], span["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Contains(result, r => r!["type"]!.GetValue<string>() == "choices" && r["value"]!["choices"]![0]!.GetValue<string>() == "joy");

        // Skipping moves on without saving anything for the skipped item.
        await work.Button("Skip").ClickAsync();
        await work.NextItemIdAsync(second);
        await Assertions.Expect(work.TextArea).ToHaveTextAsync("Chen met Dana.");
        Assert.Empty((await api.ItemAsync(project, second, ct))["annotations"]!.AsArray());
    }
}
