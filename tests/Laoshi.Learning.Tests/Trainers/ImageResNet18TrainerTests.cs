using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Trainers;

public sealed class ImageResNet18TrainerTests(ResNet18Fixture fixture) : IClassFixture<ResNet18Fixture>
{
    [Fact]
    public void It_tells_stripes_from_dots_on_pictures_it_never_saw()
    {
        var answers = fixture.Answers;

        Assert.Equal(fixture.Unseen.Select(u => u.Kind), answers.Select(a => a.Regions.Single().Labels.Single()));
        var region = answers[0].Regions.Single();
        Assert.Equal(("u0-c", "pattern", "image", RegionTypes.Choices), (region.Id, region.FromName, region.ToName, region.Type));
        Assert.All(answers, a => Assert.Equal(1.0, a.ClassScores!.Values.Sum(), 6));
        Assert.All(answers, a => Assert.Equal(a.ClassScores!.Values.Max(), a.Score!.Value, 9));
        Assert.Equal(("image-resnet18", "image-resnet18@1"), (fixture.Model.Trainer, fixture.Model.Version));
    }

    [Fact]
    public async Task A_saved_model_loads_back_and_gives_the_same_answers()
    {
        using var file = new MemoryStream();
        await fixture.Model.SaveAsync(file, TestContext.Current.CancellationToken);
        file.Position = 0;

        await using var loaded = await fixture.Trainer.LoadAsync(file, fixture.Context(), TestContext.Current.CancellationToken);
        var before = fixture.Answers;
        var after = await loaded.PredictAsync(fixture.UnseenInputs(), TestContext.Current.CancellationToken);

        Assert.Equal(["dots", "stripes"], loaded.Classes);
        Assert.Equal(before.Select(a => a.Regions.Single().Labels.Single()), after.Select(a => a.Regions.Single().Labels.Single()));
        Assert.Equal(before.Select(a => a.ClassScores!["dots"]), after.Select(a => a.ClassScores!["dots"]));
    }

    [Fact]
    public async Task Embeddings_are_unit_vectors_that_put_pictures_of_a_kind_together()
    {
        var embedder = Assert.IsAssignableFrom<IEmbeddingModel>(fixture.Model);

        var vectors = await embedder.EmbedAsync(fixture.UnseenInputs(), TestContext.Current.CancellationToken);

        Assert.All(vectors, v => Assert.Equal(512, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        // Unseen alternates stripes, dots, stripes, dots...: same-kind pairs are on average closer than mixed pairs.
        double Dot(int a, int b) => vectors[a].Zip(vectors[b], (x, y) => (double)x * y).Sum();
        var pairs = from a in Enumerable.Range(0, vectors.Count) from b in Enumerable.Range(0, vectors.Count) where a < b select (a, b);
        var same = pairs.Where(p => p.a % 2 == p.b % 2).Average(p => Dot(p.a, p.b));
        var mixed = pairs.Where(p => p.a % 2 != p.b % 2).Average(p => Dot(p.a, p.b));
        Assert.True(same > mixed, $"same kind {same:F3} should be closer than mixed {mixed:F3}");
    }

    [Fact]
    public async Task An_item_without_an_image_or_with_a_file_that_is_not_an_image_is_refused_naming_it()
    {
        var missing = await Assert.ThrowsAsync<BadInputException>(() =>
            fixture.Model.PredictAsync([new ModelInput("7", new JsonObject { ["text"] = "no picture" })], TestContext.Current.CancellationToken));
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("notes.png"), "this is text", TestContext.Current.CancellationToken);
        var broken = await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.Model.PredictAsync([new ModelInput("8", new JsonObject { ["image"] = folder.File("notes.png") })], TestContext.Current.CancellationToken));

        Assert.Contains("7", missing.Message);
        Assert.Equal("image", missing.Errors.Single().Field);
        Assert.Contains("notes.png", broken.Message);
    }

    [Fact]
    public async Task A_text_minilm_model_file_is_not_read_as_an_image_model()
    {
        using var file = new MemoryStream();
        await fixture.Model.SaveAsync(file, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(file.ToArray())!.AsObject();
        json["trainer"] = "text-minilm";

        var error = await Assert.ThrowsAsync<BadInputException>(() => fixture.Trainer.LoadAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())), fixture.Context(), TestContext.Current.CancellationToken));

        Assert.Contains("text-minilm", error.Message);
        Assert.Equal("file", error.Errors.Single().Field);
    }
}
