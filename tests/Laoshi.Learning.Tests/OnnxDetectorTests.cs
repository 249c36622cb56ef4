using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Tests.Onnx;
using SkiaSharp;

namespace Laoshi.Learning.Tests;

public sealed class OnnxDetectorTests
{
    // Raw boxes in the 64×64 input: cx, cy, w, h, objectness, score of "sofa", score of "carpet".
    private static readonly float[][] Yolov5Boxes =
    [
        [32, 32, 20, 10, 0.9f, 0.9f, 0.1f],   // sofa 0.81: kept
        [33, 32, 20, 10, 0.9f, 0.8f, 0.1f],   // sofa 0.72 overlapping the first: suppressed
        [32, 33, 20, 10, 0.9f, 0.1f, 0.7f],   // carpet 0.63 on the same spot: another class, kept
        [10, 20, 4, 4, 0.2f, 0.9f, 0.0f],     // 0.18: below the confidence threshold
    ];

    private static async Task<IReadOnlyList<ModelAnswer>> DetectAsync(byte[] model, OnnxDetectorOptions? options = null)
    {
        using var folder = new TempFolder();
        // 128 × 64 letterboxed into 64 × 64: scale 0.5 and 16 rows of padding above and below.
        TestImages.Png(folder.File("room.png"), 128, 64, SKColors.Beige);
        options ??= new OnnxDetectorOptions(["sofa", "carpet"], new ModelTarget("objects", "image"), "image", 64, 64);
        await using var detector = new OnnxDetector(OnnxGraph.Load(model, "yolo.onnx"), options, new FileMediaSource(folder.Path), "yolo@1");
        return await detector.PredictAsync([new ModelInput("7", new JsonObject { ["image"] = "room.png" })], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_yolov5_style_detector_gives_boxes_in_the_images_own_pixels_after_confidence_and_nms()
    {
        var answer = (await DetectAsync(TestModels.FixedDetector(64, Yolov5Boxes, yolov8Layout: false))).Single();

        Assert.Equal("7", answer.ItemId);
        Assert.Equal(2, answer.Regions.Count);
        var sofa = answer.Regions[0];
        Assert.Equal((RegionTypes.RectangleLabels, "objects", "image"), (sofa.Type, sofa.FromName, sofa.ToName));
        Assert.Equal(["sofa"], sofa.Labels);
        Assert.Equal(0.81, sofa.Score!.Value, 5);
        // input box (22, 27)–(42, 37) → original ((22 − 0) / 0.5, (27 − 16) / 0.5) = (44, 22), size 40 × 20
        Assert.Equal((44.0, 22.0, 40.0, 20.0), (sofa.X!.Value, sofa.Y!.Value, sofa.Width!.Value, sofa.Height!.Value));
        Assert.Equal((128, 64), (sofa.OriginalWidth, sofa.OriginalHeight));
        Assert.Equal(["carpet"], answer.Regions[1].Labels);
        Assert.Equal(0.63, answer.Regions[1].Score!.Value, 5);
    }

    [Fact]
    public async Task A_yolov8_style_output_without_objectness_is_read_too()
    {
        float[][] boxes = [[32, 32, 20, 10, 0.1f, 0.95f], [32, 32, 20, 10, 0.5f, 0.2f]];

        var answer = (await DetectAsync(TestModels.FixedDetector(64, boxes, yolov8Layout: true))).Single();

        Assert.Equal(["carpet", "sofa"], answer.Regions.Select(r => r.Labels.Single()));
        Assert.Equal(0.95, answer.Regions[0].Score!.Value, 5);
    }

    [Fact]
    public async Task Class_agnostic_nms_keeps_only_the_best_of_overlapping_boxes_of_any_class()
    {
        var options = new OnnxDetectorOptions(["sofa", "carpet"], new ModelTarget("objects", "image"), "image", 64, 64, ClassAgnosticNms: true);

        var answer = (await DetectAsync(TestModels.FixedDetector(64, Yolov5Boxes, yolov8Layout: false), options)).Single();

        Assert.Equal(["sofa"], answer.Regions.Select(r => r.Labels.Single()));
    }

    [Fact]
    public async Task A_higher_confidence_threshold_drops_weaker_boxes()
    {
        var options = new OnnxDetectorOptions(["sofa", "carpet"], new ModelTarget("objects", "image"), "image", 64, 64, ConfidenceThreshold: 0.7);

        var answer = (await DetectAsync(TestModels.FixedDetector(64, Yolov5Boxes, yolov8Layout: false), options)).Single();

        Assert.Equal([0.81], answer.Regions.Select(r => Math.Round(r.Score!.Value, 5)));
    }
}
