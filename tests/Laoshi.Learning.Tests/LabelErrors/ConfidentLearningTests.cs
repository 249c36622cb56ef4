using Laoshi.Core.Errors;
using Laoshi.Learning.LabelErrors;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>Confident learning on probabilities written by hand, where the right answer is plain to see.</summary>
public sealed class ConfidentLearningTests
{
    private static readonly string[] Animals = ["bird", "cat", "dog"];

    private static LabelledProbabilities Row(string id, string given, params double[] p) => new(id, given, p);

    /// <summary>Nine examples the model agrees with, three a side, and two whose label the model confidently contradicts.</summary>
    private static List<LabelledProbabilities> Animals_with_two_mislabelled() =>
    [
        Row("b1", "bird", 0.9, 0.05, 0.05), Row("b2", "bird", 0.8, 0.1, 0.1), Row("b3", "bird", 0.85, 0.1, 0.05),
        Row("c1", "cat", 0.05, 0.9, 0.05), Row("c2", "cat", 0.1, 0.7, 0.2), Row("c3", "cat", 0.1, 0.8, 0.1),
        Row("d1", "dog", 0.05, 0.15, 0.8), Row("d2", "dog", 0.1, 0.1, 0.8), Row("d3", "dog", 0.0, 0.1, 0.9),
        // labelled cat, surely a dog
        Row("x1", "cat", 0.02, 0.03, 0.95),
        // labelled bird, probably a cat
        Row("x2", "bird", 0.1, 0.75, 0.15),
    ];

    [Theory]
    [InlineData(LabelErrorFilter.ConfidentJoint)]
    [InlineData(LabelErrorFilter.PruneByNoiseRate)]
    [InlineData(LabelErrorFilter.Both)]
    public void The_mislabelled_examples_are_the_suspects_most_doubted_first(LabelErrorFilter filter)
    {
        var report = ConfidentLearning.Find(Animals, Animals_with_two_mislabelled(), new LabelErrorOptions(filter));

        Assert.Equal(["x1", "x2"], report.Suspects.Select(s => s.Id));
        Assert.Equal(new LabelSuspect("x1", "cat", "dog", 0.97), report.Suspects[0] with { Score = Math.Round(report.Suspects[0].Score, 12) });
        Assert.Equal(("bird", "cat"), (report.Suspects[1].Given, report.Suspects[1].Suggested));
        Assert.Equal(0.9, report.Suspects[1].Score, 12);
        Assert.Equal(11, report.Examples);
    }

    [Fact]
    public void Thresholds_are_each_class_mean_self_confidence_and_the_joint_counts_given_by_confident_class()
    {
        var report = ConfidentLearning.Find(Animals, Animals_with_two_mislabelled());

        Assert.Equal((0.9 + 0.8 + 0.85 + 0.1) / 4, report.Thresholds[0], 12);
        Assert.Equal((0.9 + 0.7 + 0.8 + 0.03) / 4, report.Thresholds[1], 12);
        Assert.Equal((0.8 + 0.8 + 0.9) / 3, report.Thresholds[2], 12);
        // d1 and d2 (0.8) fall short of dog's threshold and reach no other: they are counted nowhere.
        Assert.Equal([3, 1, 0], report.ConfidentJoint[0]);
        Assert.Equal([0, 3, 1], report.ConfidentJoint[1]);
        Assert.Equal([0, 0, 1], report.ConfidentJoint[2]);
    }

    [Fact]
    public void A_class_the_model_is_shy_of_still_shows_its_errors_through_its_own_threshold()
    {
        // The model never gives "rare" much probability, but 0.45 is high for it: the example labelled common is suspect.
        var rows = new List<LabelledProbabilities>
        {
            Row("r1", "rare", 0.6, 0.4), Row("r2", "rare", 0.65, 0.35), Row("r3", "rare", 0.55, 0.45),
            Row("k1", "common", 0.99, 0.01), Row("k2", "common", 0.97, 0.03), Row("k3", "common", 0.98, 0.02), Row("k4", "common", 0.96, 0.04),
            Row("k5", "common", 0.45, 0.55), Row("k6", "common", 0.7, 0.3),
        };
        var report = ConfidentLearning.Find(["common", "rare"], rows, new LabelErrorOptions(LabelErrorFilter.ConfidentJoint));

        // r1 and r3 lean common, yet reach rare's threshold (0.4): their labels stand. k5 reaches it and misses common's
        // (0.87); k6 reaches neither and is left alone.
        Assert.Equal(0.4, report.Thresholds[1], 12);
        var suspect = Assert.Single(report.Suspects);
        Assert.Equal(("k5", "common", "rare"), (suspect.Id, suspect.Given, suspect.Suggested));
        Assert.Equal([4, 1], report.ConfidentJoint[0]);
    }

    [Fact]
    public void Normalised_margin_prefers_a_confident_other_class_over_a_spread_of_doubt()
    {
        var rows = new List<LabelledProbabilities>
        {
            Row("b1", "bird", 0.9, 0.05, 0.05), Row("b2", "bird", 0.9, 0.05, 0.05),
            Row("c1", "cat", 0.2, 0.5, 0.3), Row("c2", "cat", 0.2, 0.5, 0.3),
            Row("d1", "dog", 0.2, 0.2, 0.6), Row("d2", "dog", 0.2, 0.2, 0.6),
            // little faith in bird, doubt spread over cat and dog
            Row("spread", "bird", 0.18, 0.44, 0.38),
            // a bit more faith in its label, but one other class clearly ahead
            Row("clear", "cat", 0.05, 0.25, 0.7),
        };
        var confidence = ConfidentLearning.Find(Animals, rows, new LabelErrorOptions(LabelErrorFilter.ConfidentJoint, LabelErrorRanking.SelfConfidence));
        var margin = ConfidentLearning.Find(Animals, rows, new LabelErrorOptions(LabelErrorFilter.ConfidentJoint, LabelErrorRanking.NormalizedMargin));

        Assert.Equal(["spread", "clear"], confidence.Suspects.Select(s => s.Id));
        Assert.Equal(["clear", "spread"], margin.Suspects.Select(s => s.Id));
        Assert.Equal((0.7 - 0.25 + 1) / 2, margin.Suspects[0].Score, 12);
    }

    [Fact]
    public void Clean_labels_give_no_suspects()
    {
        var rows = Animals_with_two_mislabelled().Where(r => !r.Id.StartsWith('x')).ToList();

        Assert.Empty(ConfidentLearning.Find(Animals, rows).Suspects);
    }

    [Fact]
    public void A_label_outside_the_classes_is_an_error_naming_the_example()
    {
        var error = Assert.Throws<BadInputException>(() => ConfidentLearning.Find(Animals, [Row("7", "fish", 0.3, 0.3, 0.4)]));

        Assert.Contains("'7'", error.Message);
        Assert.Contains("fish", error.Message);
    }
}
