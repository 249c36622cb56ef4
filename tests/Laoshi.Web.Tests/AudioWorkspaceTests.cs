using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Segments dragged out on a waveform, saved in seconds.</summary>
public sealed class AudioWorkspaceTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_segment_dragged_across_the_waveform_is_saved_in_seconds_with_the_chosen_label()
    {
        var ct = TestContext.Current.CancellationToken;
        var audio = (await api.FirstItemDataAsync(Laoshi.Server.Demo.DemoBuilder.AudioProject, ct))["audio"]!.GetValue<string>();
        var project = TestProjects.UniqueName("audio");
        await api.CreateProjectAsync(project, TestProjects.AudioConfig, ct);
        await api.ImportAsync(project, [new JsonObject { ["data"] = new JsonObject { ["audio"] = audio } }], ct);
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        var id = await work.OpenAsync(project);

        await work.Control("noise").ClickAsync();
        var wave = (await work.Waveform.BoundingBoxAsync())!;
        var y = wave.Y + wave.Height / 2;
        // The waveform takes drags once the clip is decoded; a person would simply drag again.
        for (var attempt = 0; attempt < 50 && await work.Regions.CountAsync() == 0; attempt++)
        {
            await work.DragAsync(wave.X + wave.Width * 0.25, y, wave.X + wave.Width * 0.75, y);
            if (await work.Regions.CountAsync() == 0) await Task.Delay(200, ct);
        }
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        var duration = await browser.Page.Locator("audio").EvaluateAsync<double>("a => a.duration");
        await work.Button("Submit").ClickAsync();

        var segment = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!["value"]!;
        Assert.Equal(["noise"], segment["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var tolerance = duration * 0.02;
        Assert.InRange(segment["start"]!.GetValue<double>(), duration * 0.25 - tolerance, duration * 0.25 + tolerance);
        Assert.InRange(segment["end"]!.GetValue<double>(), duration * 0.75 - tolerance, duration * 0.75 + tolerance);
    }
}
