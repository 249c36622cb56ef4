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
    
    [Fact]
    public async Task A_segment_moved_by_its_body_resized_by_its_edge_and_nudged_by_keys_is_saved_where_it_was_left_and_undo_takes_back_one_step()
    {
        var ct = TestContext.Current.CancellationToken;
        var audio = (await api.FirstItemDataAsync(Laoshi.Server.Demo.DemoBuilder.AudioProject, ct))["audio"]!.GetValue<string>();
        var project = TestProjects.UniqueName("audio-edit");
        await api.CreateProjectAsync(project, TestProjects.AudioConfig, ct);
        await api.ImportAsync(project, [new JsonObject { ["data"] = new JsonObject { ["audio"] = audio } }], ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        var id = await work.OpenAsync(project);

        var wave = (await work.Waveform.BoundingBoxAsync())!;
        var y = wave.Y + wave.Height / 2;
        double X(double fraction) => wave.X + wave.Width * fraction;
        for (var attempt = 0; attempt < 50 && await work.Regions.CountAsync() == 0; attempt++)
        {
            await work.DragAsync(X(0.25), y, X(0.5), y);
            if (await work.Regions.CountAsync() == 0) await Task.Delay(200, ct);
        }
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        var duration = await page.Locator("audio").EvaluateAsync<double>("a => a.duration");
        var segment = work.Waveform.Locator(".segment[data-segment]");
        var tolerance = duration * 0.01;
        async Task<(double Start, double End)> ShownAsync()
        {
            var box = (await segment.BoundingBoxAsync())!;
            return ((box.X - wave.X) / wave.Width * duration, (box.X + box.Width - wave.X) / wave.Width * duration);
        }

        // Drag the body 10 % to the right: 0.25–0.50 becomes 0.35–0.60.
        await work.DragAsync(X(0.375), y, X(0.475), y);
        // Drag the end edge from 0.60 to 0.80.
        var shown = (await segment.BoundingBoxAsync())!;
        await work.DragAsync(shown.X + shown.Width - 2, y, X(0.8) - 2 + (shown.X + shown.Width - X(0.6)), y);
        var (start, end) = await ShownAsync();
        Assert.InRange(start, duration * 0.35 - tolerance, duration * 0.35 + tolerance);
        Assert.InRange(end, duration * 0.8 - tolerance, duration * 0.8 + tolerance);
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);

        // The keys are listed on screen; "]" moves the start 0.05 s later, Shift+[ the end 0.05 s earlier; undo takes the last back.
        await Assertions.Expect(work.Root.Locator(".audio-keys").GetByText("move the selected segment's start")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("BracketRight");
        await page.Keyboard.PressAsync("Shift+BracketLeft");
        await work.Button("Undo").ClickAsync();
        await work.Button("Submit").ClickAsync();

        var value = Assert.Single(await api.AnnotationResultAsync(project, id, ct))!["value"]!;
        Assert.InRange(value["start"]!.GetValue<double>(), duration * 0.35 + 0.05 - tolerance, duration * 0.35 + 0.05 + tolerance);
        Assert.InRange(value["end"]!.GetValue<double>(), duration * 0.8 - tolerance, duration * 0.8 + tolerance);
        Assert.Equal(["digits"], value["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
    }
}
