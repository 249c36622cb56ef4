using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Tests.Onnx;

namespace Laoshi.Web.Tests;

/// <summary>The models page: a manager promotes a version and sets its thresholds where they see the registry.</summary>
public sealed class ModelsPageTests(WebFixture web)
{
    private async Task UploadAsync(string project, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestModels.FeatureClassifier());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "emotion.onnx");
        form.Add(new StringContent("emotion-onnx"), "name");
        form.Add(new StringContent("classifier"), "kind");
        form.Add(new StringContent("""{"labels": ["joy", "sadness", "other"], "input_field": "features"}"""), "settings");
        (await web.Api.PostAsync($"/api/v1/projects/{project}/models", form, ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_manager_promotes_a_version_and_sets_its_thresholds_on_the_models_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("models");
        await new LaoshiApi(web.Api).CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await UploadAsync(project, ct);
        await UploadAsync(project, ct);

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var main = page.Locator("#main");
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/models");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Models" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["emotion-onnx@1", "emotion-onnx@2"]);

        await page.GetByLabel("Stage of emotion-onnx@2").SelectOptionAsync("production");
        await Assertions.Expect(main.GetByRole(AriaRole.Status)).ToHaveTextAsync("emotion-onnx@2 is now production.");
        await page.GetByLabel("Thresholds of emotion-onnx@2 (label=0.8, …)").FillAsync("joy=0.7, sadness=0.4");
        await page.GetByLabel("Thresholds of emotion-onnx@2 (label=0.8, …)").PressAsync("Enter");
        await Assertions.Expect(main.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thresholds of emotion-onnx@2 saved.");

        var models = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/models", ct))!["models"]!.AsArray();
        Assert.Equal(["candidate", "production"], models.Select(m => m!["stage"]!.GetValue<string>()));
        Assert.Equal(0.7, models[1]!["thresholds"]!["joy"]!.GetValue<double>());
        await Assertions.Expect(page.GetByLabel("Thresholds of emotion-onnx@2 (label=0.8, …)")).ToHaveValueAsync("joy=0.7, sadness=0.4");

        // A threshold outside 0..1 is refused with the server's reason, and nothing changes.
        await page.GetByLabel("Thresholds of emotion-onnx@2 (label=0.8, …)").FillAsync("joy=2");
        await page.GetByLabel("Thresholds of emotion-onnx@2 (label=0.8, …)").PressAsync("Enter");
        await Assertions.Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync("between 0 and 1");
    }
    [Fact]
    public async Task A_manager_pre_labels_the_project_from_the_models_page_and_watches_the_job()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("prelabel");
        var api = new LaoshiApi(web.Api);
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, [
            new JsonObject { ["data"] = new JsonObject { ["text"] = "a good day", ["features"] = new JsonArray(5, 0, 0, 0) } },
            new JsonObject { ["data"] = new JsonObject { ["text"] = "a sad day", ["features"] = new JsonArray(0, 5, 0, 0) } },
        ], ct);
        await UploadAsync(project, ct);

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var main = page.Locator("#main");
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/models");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pre-label unannotated items with emotion-onnx@1" }).ClickAsync();
        await Assertions.Expect(main.Locator(".prelabel-jobs .job-widget")).ToContainTextAsync("succeeded");
        await Assertions.Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "emotion-onnx@1 pre-labelled 2 items" })).ToBeVisibleAsync();

        var items = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray();
        var first = items.Select(i => i!["id"]!.GetValue<long>()).Min();
        var prediction = Assert.Single((await api.ItemAsync(project, first, ct))["predictions"]!.AsArray())!;
        Assert.Equal("emotion-onnx@1", (string)prediction["model_version"]!);
        Assert.Equal("joy", (string)prediction["result"]![0]!["value"]!["choices"]![0]!);
    }
}
