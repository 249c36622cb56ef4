using Laoshi.Core.Errors;
using Laoshi.Evaluation.Detection;

namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>The COCO evaluator's rules on cases small enough to work out by hand.</summary>
public sealed class CocoRuleTests
{
    private static DetectionBox Truth(string image, double x, double y, double size = 50, string category = "cat", bool crowd = false) =>
        new(image, category, x, y, size, size, IsCrowd: crowd);

    private static DetectionBox Detection(string image, double x, double y, double score, double size = 50, string category = "cat") =>
        new(image, category, x, y, size, size, score);

    // Precision is tp / (tp + fp + 2.2e-16), as in pycocotools, so "1" is 1 − 2.2e-16: compare to 12 places.
    [Fact]
    public void Perfect_detections_score_one_everywhere_there_is_truth()
    {
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0), Truth("2", 50, 50)], [Detection("1", 0, 0, 0.9), Detection("2", 50, 50, 0.8)]);

        Assert.Equal(1, report.Figures.AP, 12);
        Assert.Equal(1, report.Figures.AR100, 12);
        Assert.Equal(1, report.Figures.APm, 12);
        Assert.Equal(-1, report.Figures.APs);
        Assert.Equal(-1, report.Figures.APl);
    }

    [Fact]
    public void A_wrong_box_ranked_above_the_right_one_halves_precision()
    {
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0)], [Detection("1", 300, 300, 0.9), Detection("1", 0, 0, 0.8)]);

        Assert.Equal(0.5, report.Figures.AP, 12);
        Assert.Equal(1, report.Figures.AR100, 12);
    }

    [Fact]
    public void A_second_detection_of_the_same_object_is_a_false_positive()
    {
        // Both detections are perfect; the one with the lower score finds the object taken.
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0), Truth("2", 0, 0)],
            [Detection("1", 0, 0, 0.9), Detection("1", 0, 0, 0.8), Detection("2", 0, 0, 0.7)]);

        // Curve: (r .5, p 1), (r .5, p .5), (r 1, p 2/3); envelope reads 2/3 at every recall point above .5.
        var expected = (51 * 1.0 + 50 * (2.0 / 3)) / 101;
        Assert.Equal(expected, report.Figures.AP50, 9);
    }

    [Fact]
    public void Detections_inside_a_crowd_region_are_neither_right_nor_wrong()
    {
        var truth = new[] { Truth("1", 0, 0), Truth("1", 200, 200, 300, crowd: true) };
        var detections = new[]
        {
            Detection("1", 210, 210, 0.95, 50), Detection("1", 300, 300, 0.94, 50), Detection("1", 400, 400, 0.93, 50),
            Detection("1", 0, 0, 0.5),
        };

        var report = CocoEvaluation.Evaluate(truth, detections);

        Assert.Equal(1, report.Figures.AP, 12);
        Assert.Equal(4, report.PerClass.Single().Detections);
    }

    [Fact]
    public void Recall_at_one_detection_counts_only_each_images_best_detection()
    {
        var truth = new[] { Truth("1", 0, 0), Truth("1", 300, 300) };
        var detections = new[] { Detection("1", 0, 0, 0.9), Detection("1", 300, 300, 0.8) };

        var report = CocoEvaluation.Evaluate(truth, detections);

        Assert.Equal(0.5, report.Figures.AR1);
        Assert.Equal(1, report.Figures.AR10, 12);
        Assert.Equal(1, report.Figures.AR100, 12);
    }

    [Fact]
    public void Small_medium_and_large_follow_the_area_of_the_truth_box()
    {
        var truth = new[] { Truth("1", 0, 0, 20), Truth("1", 100, 100, 50), Truth("1", 300, 300, 200) };
        // The small one is missed; the medium and large ones are found.
        var detections = new[] { Detection("1", 100, 100, 0.9, 50), Detection("1", 300, 300, 0.8, 200) };

        var report = CocoEvaluation.Evaluate(truth, detections);

        Assert.Equal(0, report.Figures.APs);
        Assert.Equal(1, report.Figures.APm, 12);
        Assert.Equal(1, report.Figures.APl, 12);
        Assert.Equal(0, report.Figures.ARs);
        Assert.Equal(2.0 / 3, report.Figures.AR100, 12);
    }

    [Fact]
    public void A_given_area_overrides_width_times_height_for_the_ranges()
    {
        // A 100 × 100 box whose object (its segmentation) covers only 500 pixels is a small object.
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0) with { Area = 500 }], [Detection("1", 0, 0, 0.9)]);

        Assert.Equal(1, report.Figures.APs, 12);
        Assert.Equal(-1, report.Figures.APm);
    }

    [Fact]
    public void A_detection_on_an_image_without_truth_is_a_false_positive()
    {
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0)], [Detection("2", 0, 0, 0.9), Detection("1", 0, 0, 0.5)]);

        Assert.Equal(0.5, report.Figures.AP, 12);
        Assert.Equal(2, report.Images);
    }

    [Fact]
    public void Looser_iou_thresholds_accept_a_shifted_box_that_stricter_ones_reject()
    {
        // Shifted by 20 px: IoU = 80·100 / (2·10000 − 8000) = 2/3, so thresholds .50, .55, .60, .65 accept it.
        var report = CocoEvaluation.Evaluate([Truth("1", 0, 0, 100)], [Detection("1", 20, 0, 0.9, 100)]);

        Assert.Equal(1, report.Figures.AP50, 12);
        Assert.Equal(0, report.Figures.AP75);
        Assert.Equal(0.4, report.Figures.AP, 12);
    }

    [Fact]
    public void Categories_are_scored_apart_unless_told_otherwise()
    {
        var truth = new[] { Truth("1", 0, 0, category: "cat") };
        var detections = new[] { Detection("1", 0, 0, 0.9, category: "dog") };

        var byCategory = CocoEvaluation.Evaluate(truth, detections);
        var agnostic = CocoEvaluation.Evaluate(truth, detections, new CocoOptions { UseCategories = false });

        Assert.Equal(0, byCategory.Figures.AP);
        Assert.Equal(["cat", "dog"], byCategory.PerClass.Select(c => c.Category));
        Assert.Equal(-1, byCategory.PerClass[1].Figures.AP);
        Assert.Equal(1, agnostic.Figures.AP, 12);
        Assert.Empty(agnostic.PerClass);
    }

    [Fact]
    public void Json_uses_the_published_names()
    {
        var json = CocoEvaluation.Evaluate([Truth("1", 0, 0)], [Detection("1", 0, 0, 0.9)]).ToJson();

        foreach (var name in new[] { "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl" })
            Assert.NotNull(json[name]);
        Assert.Equal(1, json["per_class"]!["cat"]!["AP"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void A_detection_without_a_score_is_refused_with_its_position()
    {
        var error = Assert.Throws<BadInputException>(() =>
            CocoEvaluation.Evaluate([Truth("1", 0, 0)], [new DetectionBox("1", "cat", 0, 0, 10, 10)]));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("detections[0]", problem.Path);
        Assert.Equal("score", problem.Field);
    }
}
