using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Tests.Audio;

namespace Laoshi.Web.Tests;

/// <summary>The models page's pre-label form offers builtin:vad in audio projects; its segments land as predictions.</summary>
public sealed class VadPrelabelPageTests(WebFixture web)
{
    [Fact]
    public async Task A_manager_pre_segments_an_audio_project_with_voice_activity_from_the_models_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("vad");
        var api = new LaoshiApi(web.Api);
        await api.CreateProjectAsync(project, TestProjects.AudioConfig, ct);
        var wav = new ByteArrayContent(TestAudio.Wav(TestAudio.Bursts(new Random(1), 3, (0.5, 1.1), (1.9, 2.6)))) { Headers = { ContentType = new("audio/wav") } };
        (await web.Api.PostAsync($"/api/v1/projects/{project}/import?filename=talk.wav", wav, ct)).EnsureSuccessStatusCode();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var main = page.Locator("#main");
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/models");
        var form = main.GetByRole(AriaRole.Form, new() { Name = "Pre-label unannotated items" });
        await form.GetByLabel("Model").SelectOptionAsync(new SelectOptionValue { Label = "Voice activity segments (builtin:vad)" });
        await Assertions.Expect(form.GetByLabel("Label for the segments")).ToHaveValueAsync("digits");
        await form.GetByLabel("Shortest pause that splits segments (ms)").FillAsync("200");
        await form.GetByRole(AriaRole.Button, new() { Name = "Pre-label" }).ClickAsync();

        await Assertions.Expect(main.Locator(".prelabel-jobs .job-widget")).ToContainTextAsync("succeeded");
        await Assertions.Expect(main.GetByRole(AriaRole.Status).Filter(new() { HasText = "builtin:vad?min_silence_ms=200 pre-labelled 1 items" })).ToBeVisibleAsync();
        var item = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]![0]!["id"]!.GetValue<long>();
        var prediction = Assert.Single((await api.ItemAsync(project, item, ct))["predictions"]!.AsArray())!;
        Assert.Equal("builtin:vad?min_silence_ms=200", (string)prediction["model_version"]!);
        var segments = prediction["result"]!.AsArray();
        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(("labels", "digits"), ((string)s!["type"]!, (string)s["value"]!["labels"]![0]!)));
    }
}
