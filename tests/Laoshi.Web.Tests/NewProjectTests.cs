using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>Creating a project in the browser, from a template or from a pasted Label Studio config.</summary>
public sealed class NewProjectTests(WebFixture web)
{
    private async Task<JsonObject> ProjectAsync(string name, CancellationToken ct) =>
        (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{name}", ct))!;

    private static IEnumerable<string> LabelValues(JsonObject project, string control) =>
        project["schema"]!["controls"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == control)!["labels"]!.AsArray()
            .Select(l => l!["value"]!.GetValue<string>());

    [Fact]
    public async Task A_project_made_from_the_NER_template_opens_its_data_page_and_has_the_templates_labels()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = TestProjects.UniqueName("tpl");
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/");
        await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
        await page.GetByLabel("Project name").FillAsync(name);
        await page.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = "Text: named entities (NER)" });
        await Assertions.Expect(page.GetByLabel("Annotation rules")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<Labels name=\"entities\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{name} · Data");
        Assert.Equal(["PER", "ORG", "LOC"], LabelValues(await ProjectAsync(name, ct), "entities"));
    }

    [Fact]
    public async Task A_pasted_Label_Studio_config_becomes_the_projects_rules_and_a_broken_one_is_refused_with_its_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = TestProjects.UniqueName("xml");
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/new");
        await page.GetByLabel("Project name").FillAsync(name);
        var config = page.GetByLabel("Annotation rules");

        // A config with a mistake on line 3 (a control pointing at no field) is refused, and the error says where.
        await config.FillAsync("<View>\n  <Image name=\"photo\" value=\"$photo\"/>\n  <Choices name=\"kind\" toName=\"nothing\"><Choice value=\"a\"/></Choices>\n</View>");
        await Assertions.Expect(page.GetByLabel("Template")).ToHaveValueAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("toName 'nothing' names no field");
        await Assertions.Expect(alert).ToContainTextAsync("line 3");

        await config.FillAsync("""
            <View>
              <Image name="photo" value="$photo"/>
              <Choices name="kind" toName="photo" choice="multiple">
                <Choice value="indoor" hotkey="i"/>
                <Choice value="outdoor" hotkey="o"/>
              </Choices>
            </View>
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{name} · Data");
        var project = await ProjectAsync(name, ct);
        Assert.Equal(["indoor", "outdoor"], LabelValues(project, "kind"));
        Assert.Equal("image", project["schema"]!["fields"]![0]!["kind"]!.GetValue<string>());
    }
}
