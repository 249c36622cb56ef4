using Laoshi.Server.Demo;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>The demo makes its three projects from data it generates, with answers, predictions and work left.</summary>
public sealed class DemoTests(SqliteServerFixture server) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task The_demo_holds_image_text_and_audio_projects_with_answers_and_work_to_do()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = server.Services.GetRequiredService<LaoshiStore>();
        await new DemoBuilder(store, server.Services.GetRequiredService<ImportService>()).BuildAsync(ct);

        foreach (var (name, labels) in new[]
        {
            (DemoBuilder.ImagesProject, new[] { "sofa", "lamp" }),
            (DemoBuilder.TextProject, new[] { "PER", "joy" }),
            (DemoBuilder.AudioProject, new[] { "digits" }),
        })
        {
            var project = await store.Projects.GetAsync(name, ct);
            var stats = await store.Stats.GetAsync(project.Id, ct);
            Assert.True(stats.Items > stats.Annotated, $"{name} should have work left");
            Assert.True(stats.Annotated > 0, $"{name} should have answered items");
            foreach (var label in labels) Assert.True(stats.ByLabel.GetValueOrDefault(label) > 0, $"{name} should use {label}");
        }

        var images = await store.Projects.GetAsync(DemoBuilder.ImagesProject, ct);
        var first = (await store.Items.ListAsync(images.Id, new ItemQuery(Limit: 1), ct)).Items[0];
        var blobUrl = first.Data["image"]!.GetValue<string>();
        var response = await server.Client.GetAsync(blobUrl, ct);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);

        var audio = await store.Projects.GetAsync(DemoBuilder.AudioProject, ct);
        var clip = (await store.Items.ListAsync(audio.Id, new ItemQuery(Limit: 1), ct)).Items[0];
        var wav = await server.Client.GetAsync(clip.Data["audio"]!.GetValue<string>(), ct);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
    }
}
