using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>The annotation rules editor: labels' keys, colours and order, the guideline, and errors shown where they are.</summary>
public sealed class RulesEditorTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private async Task<JsonArray> LabelsAsync(string project, string control, CancellationToken ct)
    {
        var info = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}", ct))!;
        return info["schema"]!["controls"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == control)!["labels"]!.AsArray();
    }

    private async Task<string> TextProjectAsync(string prefix, CancellationToken ct, JsonArray? annotations = null)
    {
        var project = TestProjects.UniqueName(prefix);
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        var task = new JsonObject { ["data"] = new JsonObject { ["text"] = "Anna lives in Milan." } };
        if (annotations is not null) task["annotations"] = annotations;
        await api.ImportAsync(project, [task], ct);
        return project;
    }

    [Fact]
    public async Task A_clashing_hotkey_is_flagged_on_both_labels_and_a_saved_new_key_and_colour_are_what_the_workspace_uses()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TextProjectAsync("rules", ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}/rules");

        // "sadness" takes "j", which "joy" already has: both hotkey boxes say so, and saving is refused.
        var joyKey = page.GetByRole(AriaRole.Textbox, new() { Name = "emotion label 1 hotkey" });
        var sadnessKey = page.GetByRole(AriaRole.Textbox, new() { Name = "emotion label 2 hotkey" });
        await sadnessKey.FillAsync("j");
        foreach (var box in new[] { joyKey, sadnessKey })
        {
            await Assertions.Expect(box).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(box).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("the key “j” is given to both “joy” and “sadness”"));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("$.controls[0].labels[1].hotkey");
        Assert.Equal("s", (await LabelsAsync(project, "emotion", ct))[1]!["hotkey"]!.GetValue<string>());

        await sadnessKey.FillAsync("x");
        await Assertions.Expect(sadnessKey).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(joyKey).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // A light yellow would carry white text badly: the editor warns, and a dark blue clears the warning.
        var locColour = page.GetByLabel("entities label 2 colour");
        await locColour.FillAsync("#ffee58");
        await Assertions.Expect(locColour).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(@"white text on it: 1\.\d:1, below WCAG AA \(4\.5:1\)"));
        await locColour.FillAsync("#1a3d8f");
        await Assertions.Expect(locColour).ToHaveAccessibleDescriptionAsync("");

        // LOC moves above PER.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move entities label 2 up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "entities label 1 value" })).ToHaveValueAsync("LOC");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rules saved" })).ToBeVisibleAsync();

        var emotion = await LabelsAsync(project, "emotion", ct);
        Assert.Equal("x", emotion[1]!["hotkey"]!.GetValue<string>());
        var entities = await LabelsAsync(project, "entities", ct);
        Assert.Equal(["LOC", "PER"], entities.Select(l => l!["value"]!.GetValue<string>()));
        Assert.Equal("#1a3d8f", entities[0]!["background"]!.GetValue<string>());

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "emotion label 2 hotkey" })).ToHaveValueAsync("x");
        await Assertions.Expect(page.GetByLabel("entities label 1 colour")).ToHaveValueAsync("#1a3d8f");

        // The workspace takes the new key: "x" chooses sadness.
        var work = new Workspace(page);
        var id = await work.OpenAsync(project);
        await page.Keyboard.PressAsync("x");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "sadness" })).ToHaveAttributeAsync("aria-checked", "true");
        await work.Button("Submit").ClickAsync();
        var choice = (await api.AnnotationResultAsync(project, id, ct)).Single(r => r!["type"]!.GetValue<string>() == "choices")!;
        Assert.Equal("sadness", choice["value"]!["choices"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_guideline_is_previewed_as_it_is_typed_and_a_label_the_server_refuses_to_remove_is_named_in_its_control()
    {
        var ct = TestContext.Current.CancellationToken;
        var answer = new JsonObject
        {
            ["completed_by"] = "someone",
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") },
            }),
        };
        var project = await TextProjectAsync("rules-in-use", ct, new JsonArray(answer));
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}/rules");

        await page.GetByLabel("Guideline", new() { Exact = true }).FillAsync("# Emotions\n- pick **one** feeling\n- <script>window.hacked = 1</script>");
        var guide = page.GetByRole(AriaRole.Region, new() { Name = "Guideline preview" });
        await Assertions.Expect(guide.GetByRole(AriaRole.Heading, new() { Name = "Emotions" })).ToBeVisibleAsync();
        await Assertions.Expect(guide.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Assertions.Expect(guide.Locator("strong")).ToHaveTextAsync("one");
        Assert.False(await page.EvaluateAsync<bool>("() => 'hacked' in window"));

        // "joy" is in an annotation: the server refuses to remove it, and the refusal shows in the emotion box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove emotion label 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        var emotionBox = page.Locator("fieldset[data-control=emotion]");
        await Assertions.Expect(emotionBox).ToContainTextAsync("the label 'joy' is used by 1 annotated regions");
        Assert.Equal(2, (await LabelsAsync(project, "emotion", ct)).Count);
    }
}
