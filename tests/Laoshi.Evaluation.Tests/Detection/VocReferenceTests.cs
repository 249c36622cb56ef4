using Laoshi.Evaluation.Detection;

namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>The published output of Padilla's Object-Detection-Metrics (VOC rules) on its README's 7-image sample, IoU 0.3.</summary>
public sealed class VocReferenceTests
{
    [Theory]
    [InlineData(VocInterpolation.AllPoints, 24.57)]
    [InlineData(VocInterpolation.ElevenPoint, 26.84)]
    public async Task The_voc_sample_scores_as_published(VocInterpolation interpolation, double percent)
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await DetectionTextFolder.ReadTruthAsync(ReferenceSamples.VocTruth, cancel);
        var detections = await DetectionTextFolder.ReadDetectionsAsync(ReferenceSamples.VocDetections, cancel);

        var report = VocEvaluation.Evaluate(truth, detections, iou: 0.3, interpolation);

        var person = Assert.Single(report.PerClass);
        Assert.Equal("person", person.Category);
        Assert.Equal(15, person.Truth);
        Assert.Equal(24, person.Detections);
        Assert.Equal(percent, Math.Round(person.AP * 100, 2));
        Assert.Equal(percent, Math.Round(report.MAP * 100, 2));
    }

    [Fact]
    public async Task The_precision_and_recall_curve_is_the_published_one()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await DetectionTextFolder.ReadTruthAsync(ReferenceSamples.VocTruth, cancel);
        var detections = await DetectionTextFolder.ReadDetectionsAsync(ReferenceSamples.VocDetections, cancel);

        var person = VocEvaluation.Evaluate(truth, detections, iou: 0.3).PerClass[0];

        string[] precision = ["1.00", "0.50", "0.67", "0.50", "0.40", "0.33", "0.29", "0.25", "0.22", "0.30", "0.27", "0.33", "0.38", "0.43", "0.40", "0.38", "0.35", "0.33", "0.32", "0.30", "0.29", "0.27", "0.30", "0.29"];
        string[] recall = ["0.07", "0.07", "0.13", "0.13", "0.13", "0.13", "0.13", "0.13", "0.13", "0.20", "0.20", "0.27", "0.33", "0.40", "0.40", "0.40", "0.40", "0.40", "0.40", "0.40", "0.40", "0.40", "0.47", "0.47"];
        Assert.Equal(precision, person.Precision.Select(p => p.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(recall, person.Recall.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(7, person.TruePositives);
        Assert.Equal(17, person.FalsePositives);
    }
}
