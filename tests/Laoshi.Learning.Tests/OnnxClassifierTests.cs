using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Tests.Onnx;
using SkiaSharp;

namespace Laoshi.Learning.Tests;

public sealed class OnnxClassifierTests
{
    private static readonly ModelTarget Target = new("sentiment", "text");

    private static ModelInput Features(string id, params double[] values) =>
        new(id, new JsonObject { ["features"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });

    [Fact]
    public async Task A_feature_classifier_answers_each_item_with_the_most_probable_label_and_every_probability()
    {
        var options = new OnnxClassifierOptions(["neg", "neu", "pos"], Target, "features", OnnxInputKind.Tensor);
        await using var model = new OnnxClassifier(OnnxGraph.Load(TestModels.FeatureClassifier(), "features.onnx"), options, new FileMediaSource("."), "features@1");

        var answers = await model.PredictAsync([Features("1", 2, 0, 0, 9), Features("2", 0, 0, 1, 0), Features("3", 0, 3, 1, 0)], TestContext.Current.CancellationToken);

        Assert.Equal(["1", "2", "3"], answers.Select(a => a.ItemId));
        Assert.Equal(["neg", "pos", "neu"], answers.Select(a => a.Regions.Single().Labels.Single()));
        var first = answers[0];
        var region = first.Regions.Single();
        Assert.Equal(("sentiment", "text", RegionTypes.Choices), (region.FromName, region.ToName, region.Type));
        // softmax of logits (2, 0, 0)
        var expected = Math.Exp(2) / (Math.Exp(2) + 2);
        Assert.Equal(expected, first.Score!.Value, 5);
        Assert.Equal(expected, first.ClassScores!["neg"], 5);
        Assert.Equal(1.0, first.ClassScores.Values.Sum(), 5);
        Assert.Equal("features@1", model.Version);
    }

    [Fact]
    public async Task An_item_with_the_wrong_number_of_features_is_refused_naming_the_item_and_field()
    {
        var options = new OnnxClassifierOptions(["neg", "neu", "pos"], Target, "features", OnnxInputKind.Tensor);
        await using var model = new OnnxClassifier(OnnxGraph.Load(TestModels.FeatureClassifier(), "features.onnx"), options, new FileMediaSource("."), "v");

        var error = await Assert.ThrowsAsync<BadInputException>(() => model.PredictAsync([Features("17", 1, 2)], TestContext.Current.CancellationToken));

        Assert.Contains("item 17", error.Message);
        Assert.Contains("'features' has 2 numbers; the model takes 4", error.Message);
        Assert.Equal("features", error.Errors[0].Field);
    }

    [Fact]
    public void Labels_that_do_not_match_the_models_outputs_are_refused()
    {
        var options = new OnnxClassifierOptions(["a", "b"], Target, "features", OnnxInputKind.Tensor);

        var error = Assert.Throws<BadInputException>(() => new OnnxClassifier(OnnxGraph.Load(TestModels.FeatureClassifier(), "m.onnx"), options, new FileMediaSource("."), "v"));

        Assert.Contains("3 class scores but 2 labels", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_onnx_model_is_refused_naming_it()
    {
        var error = Assert.Throws<BadInputException>(() => OnnxGraph.Load("not a model"u8.ToArray(), "upload.onnx"));

        Assert.Contains("upload.onnx is not an ONNX model", error.Message);
        Assert.Equal("file", error.Errors[0].Field);
    }

    [Fact]
    public async Task An_image_classifier_reads_the_image_files_the_items_point_at()
    {
        using var folder = new TempFolder();
        TestImages.Png(folder.File("tomato.png"), 20, 12, new SKColor(220, 30, 20));
        TestImages.Png(folder.File("sky.png"), 8, 30, new SKColor(20, 60, 230));
        var options = new OnnxClassifierOptions(["red", "blue"], new ModelTarget("colour", "image"), "image");
        await using var model = new OnnxClassifier(OnnxGraph.Load(TestModels.ColourClassifier(), "colour.onnx"), options, new FileMediaSource(folder.Path), "colour@1");

        var answers = await model.PredictAsync(
            [new ModelInput("1", new JsonObject { ["image"] = "tomato.png" }), new ModelInput("2", new JsonObject { ["image"] = "sky.png" })],
            TestContext.Current.CancellationToken);

        Assert.Equal(["red", "blue"], answers.Select(a => a.Regions.Single().Labels.Single()));
        // the model ends in Softmax: its probabilities are taken as they are: softmax(4·(r − b), 4·(b − r)) with r, b in 0..1
        var r = 220 / 255.0;
        var b = 20 / 255.0;
        Assert.Equal(1 / (1 + Math.Exp(-8 * (r - b))), answers[0].ClassScores!["red"], 4);
    }

    [Fact]
    public async Task An_item_without_its_image_is_refused_naming_the_item()
    {
        var options = new OnnxClassifierOptions(["red", "blue"], new ModelTarget("colour", "image"), "image");
        await using var model = new OnnxClassifier(OnnxGraph.Load(TestModels.ColourClassifier(), "colour.onnx"), options, new FileMediaSource("."), "v");

        var error = await Assert.ThrowsAsync<BadInputException>(() => model.PredictAsync([new ModelInput("5", new JsonObject { ["text"] = "x" })], TestContext.Current.CancellationToken));

        Assert.Contains("item 5 has no 'image' value", error.Message);
    }
}
