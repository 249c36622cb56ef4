using Laoshi.Evaluation.Detection;

namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>The published output of the official COCO evaluator (pycocotools) on the 100-image COCO sample.</summary>
public sealed class CocoReferenceTests
{
    [Fact]
    public async Task The_coco_sample_scores_as_pycocotools_published()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(ReferenceSamples.CocoTruth, cancel);
        var detections = await CocoFiles.ReadDetectionsAsync(ReferenceSamples.CocoDetections, truth, cancel);

        var report = CocoEvaluation.Evaluate(truth.Boxes, detections);

        Assert.Equal(830, report.TruthBoxes);
        Assert.Equal(734, report.Detections);
        Assert.Equal(0.503647, Math.Round(report.Figures.AP, 6));
        Assert.Equal(0.696973, Math.Round(report.Figures.AP50, 6));
        Assert.Equal(0.571667, Math.Round(report.Figures.AP75, 6));
        TestContext.Current.SendDiagnosticMessage(report.ToJson().ToJsonString());
    }
}
