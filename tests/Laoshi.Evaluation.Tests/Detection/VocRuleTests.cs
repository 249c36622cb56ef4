using Laoshi.Evaluation.Detection;

namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>The VOC devkit's rules on hand-worked cases.</summary>
public sealed class VocRuleTests
{
    [Theory]
    [InlineData(0.33, 1.0)]
    [InlineData(0.34, 0.0)]
    public void Boxes_cover_their_edge_pixels(double threshold, double expected)
    {
        // A 9-wide box covers 10 pixels; shifted by 5 the two share 5 × 10 of 150 pixels: IoU 1/3.
        var truth = new[] { new DetectionBox("a", "cat", 0, 0, 9, 9) };
        var detections = new[] { new DetectionBox("a", "cat", 5, 0, 9, 9, 0.9) };

        Assert.Equal(expected, VocEvaluation.Evaluate(truth, detections, threshold).MAP);
    }

    [Fact]
    public void Difficult_objects_are_neither_counted_nor_penalised()
    {
        var truth = new[] { new DetectionBox("a", "cat", 0, 0, 50, 50), new DetectionBox("a", "cat", 100, 100, 50, 50, IsCrowd: true) };
        var detections = new[] { new DetectionBox("a", "cat", 100, 100, 50, 50, 0.9), new DetectionBox("a", "cat", 0, 0, 50, 50, 0.8) };

        var cat = VocEvaluation.Evaluate(truth, detections).PerClass.Single();

        Assert.Equal(1, cat.Truth);
        Assert.Equal(1, cat.AP);
        Assert.Equal(0, cat.FalsePositives);
    }

    [Fact]
    public void A_duplicate_detection_is_a_false_positive_and_missed_objects_cap_recall()
    {
        var truth = new[] { new DetectionBox("a", "cat", 0, 0, 50, 50), new DetectionBox("b", "cat", 0, 0, 50, 50) };
        var detections = new[] { new DetectionBox("a", "cat", 0, 0, 50, 50, 0.9), new DetectionBox("a", "cat", 1, 1, 50, 50, 0.8) };

        var all = VocEvaluation.Evaluate(truth, detections);
        var eleven = VocEvaluation.Evaluate(truth, detections, interpolation: VocInterpolation.ElevenPoint);

        Assert.Equal(0.5, all.MAP);
        Assert.Equal(6.0 / 11, eleven.MAP, 12);
        Assert.Equal(1, all.PerClass[0].FalsePositives);
    }

    [Fact]
    public void Map_averages_only_categories_that_have_truth()
    {
        var truth = new[] { new DetectionBox("a", "cat", 0, 0, 50, 50) };
        var detections = new[] { new DetectionBox("a", "cat", 0, 0, 50, 50, 0.9), new DetectionBox("a", "dog", 0, 0, 50, 50, 0.8) };

        var report = VocEvaluation.Evaluate(truth, detections);

        Assert.Equal(1, report.MAP);
        Assert.Equal(2, report.PerClass.Count);
        Assert.Equal("all", report.ToJson()["interpolation"]!.GetValue<string>());
        Assert.Equal(1, report.ToJson()["per_class"]!["cat"]!["AP"]!.GetValue<double>());
    }
}
