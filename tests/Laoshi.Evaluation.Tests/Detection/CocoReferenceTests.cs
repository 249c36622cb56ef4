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
    }

    [Fact]
    public async Task All_twelve_numbers_equal_the_official_evaluators_on_the_coco_sample()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(ReferenceSamples.CocoTruth, cancel);
        var detections = await CocoFiles.ReadDetectionsAsync(ReferenceSamples.CocoDetections, truth, cancel);

        var figures = CocoEvaluation.Evaluate(truth.Boxes, detections).Figures;

        // The sample's source (Padilla et al., review_object_detection_metrics) records pycocotools' full summary in its
        // own test of this data; the first three are also the figures the datasets README publishes.
        double[] pycocotools = [0.503647, 0.696973, 0.571667, 0.593252, 0.557991, 0.489363, 0.386813, 0.593680, 0.595353, 0.654764, 0.603130, 0.553744];
        Assert.Equal(pycocotools, figures.Values.Select(v => Math.Round(v, 6)));
    }
}
