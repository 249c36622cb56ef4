using System.Text.Json.Nodes;
using Laoshi.Evaluation.Classification;

namespace Laoshi.Evaluation.Tests;

/// <summary>Every classification figure equals scikit-learn's on the same data, to 1e-9.</summary>
public sealed class ClassificationReferenceTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Seeded cases: a model that is right with some probability, its scores favouring its answer (rounded, so ties occur).</summary>
    private static List<ClassificationCase> SingleLabel(int seed, int count, string[] labels, double accuracy, bool scores, int? decimals = 2)
    {
        var random = new Random(seed);
        var cases = new List<ClassificationCase>();
        for (var i = 0; i < count; i++)
        {
            // Skewed truth, so macro and weighted averages differ.
            var truth = labels[Math.Min(labels.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.6) * labels.Length))];
            var predicted = random.NextDouble() < accuracy ? truth : labels[random.Next(labels.Length)];
            Dictionary<string, double>? probabilities = null;
            if (scores)
            {
                var raw = labels.Select(label => random.NextDouble() + (label == predicted ? 1.5 : 0) + (label == truth ? 0.3 : 0)).ToArray();
                var sum = raw.Sum();
                probabilities = labels.Select((label, k) => (label, decimals is { } d ? Math.Round(raw[k] / sum, d) : raw[k] / sum))
                    .ToDictionary(p => p.label, p => p.Item2);
                // Two classes: complementary scores, as a binary model gives them.
                if (labels.Length == 2) probabilities[labels[0]] = 1 - probabilities[labels[1]];
            }
            cases.Add(new ClassificationCase($"item{i}", [truth], [predicted], probabilities));
        }
        return cases;
    }

    private static List<ClassificationCase> MultiLabel(int seed, int count, string[] labels)
    {
        var random = new Random(seed);
        var cases = new List<ClassificationCase>();
        for (var i = 0; i < count; i++)
        {
            var truth = labels.Where((_, k) => random.NextDouble() < 0.15 + 0.15 * k).ToList();
            var predicted = labels.Where(label => truth.Contains(label) ? random.NextDouble() < 0.8 : random.NextDouble() < 0.15).ToList();
            var scores = labels.ToDictionary(label => label, label => Math.Round(
                Math.Clamp((predicted.Contains(label) ? 0.6 : 0.2) + (truth.Contains(label) ? 0.15 : 0) + random.NextDouble() * 0.3, 0, 1), 2));
            cases.Add(new ClassificationCase($"item{i}", truth, predicted, scores));
        }
        return cases;
    }

    private static JsonObject Job(List<ClassificationCase> cases, ClassificationReport report, bool probabilities = false)
    {
        var withScores = cases.All(c => c.Scores is not null);
        return new JsonObject
        {
            ["kind"] = "classification",
            ["labels"] = PythonReference.Array(report.Labels),
            ["multi_label"] = report.MultiLabel,
            ["truth"] = PythonReference.Array(cases.Select(c => c.Truth)),
            ["pred"] = PythonReference.Array(cases.Select(c => c.Predicted)),
            ["scores"] = withScores ? PythonReference.Array(cases.Select(c => report.Labels.Select(label => c.Scores![label]))) : null,
            ["probabilities"] = probabilities,
            ["bins"] = 10,
        };
    }

    private static void Same(JsonObject expected, ClassificationReport report)
    {
        var ours = report.ToJson();
        var names = new List<string> { "accuracy" };
        foreach (var average in report.MultiLabel ? new[] { "macro", "micro", "weighted", "samples" } : ["macro", "micro", "weighted"])
            names.AddRange([$"precision_{average}", $"recall_{average}", $"f1_{average}"]);
        if (expected["roc_auc_macro"] is not null) names.AddRange(["roc_auc_macro", "pr_auc_macro", "ece"]);
        foreach (var name in names)
            Assert.True(Math.Abs(PythonReference.Number(expected[name]) - PythonReference.Number(ours[name])) <= Tolerance,
                $"{name}: sklearn {expected[name]}, ours {ours[name]}");
        if (expected["roc_auc_macro_sklearn"] is { } official)
            Assert.Equal(PythonReference.Number(official), report.RocAucMacro!.Value, Tolerance);
        foreach (var (label, figures) in expected["per_class"]!.AsObject())
        {
            var mine = ours["per_class"]![label]!.AsObject();
            foreach (var (name, value) in figures!.AsObject())
                Assert.True(Math.Abs(PythonReference.Number(value) - PythonReference.Number(mine[name])) <= Tolerance,
                    $"per_class.{label}.{name}: sklearn {value}, ours {mine[name]}");
        }
        if (expected["confusion"] is { } confusion)
            Assert.Equal(confusion.ToJsonString(), ours["confusion"]!["matrix"]!.ToJsonString());
    }

    [Fact]
    public void Binary_multi_class_and_multi_label_figures_equal_scikit_learn()
    {
        var sets = new List<(List<ClassificationCase> Cases, bool Probabilities)>
        {
            (SingleLabel(1, 500, ["neg", "pos"], 0.7, scores: true), true),
            (SingleLabel(2, 2000, ["猫", "狗", "bird", "fish", "Ant"], 0.55, scores: true, decimals: 3), false),
            (SingleLabel(3, 300, ["a", "b", "c"], 0.9, scores: true, decimals: 1), false),
            (SingleLabel(7, 700, ["a", "b", "c", "d"], 0.6, scores: true, decimals: null), true),
            (SingleLabel(4, 400, ["x", "y", "z", "w"], 0.4, scores: false), false),
            (MultiLabel(5, 800, ["red", "green", "blue", "yellow"]), false),
            (MultiLabel(6, 50, ["p", "q"]), false),
        };
        var reports = sets.Select(set => ClassificationMetrics.Compute(set.Cases)).ToList();
        var expected = PythonReference.Run([.. sets.Select((set, i) => Job(set.Cases, reports[i], set.Probabilities))]);
        for (var i = 0; i < sets.Count; i++) Same(expected[i], reports[i]);
        Assert.False(reports[1].MultiLabel);
        Assert.True(reports[5].MultiLabel);
    }

    [Fact]
    public void A_label_only_ever_predicted_counts_in_the_macro_average_as_scikit_learn_counts_it()
    {
        var cases = new List<ClassificationCase>
        {
            new("1", ["a"], ["a"]), new("2", ["a"], ["never-true"]), new("3", ["b"], ["b"]), new("4", ["b"], ["a"]), new("5", ["a"], ["a"]),
        };
        var report = ClassificationMetrics.Compute(cases);
        Assert.Equal(["a", "b", "never-true"], report.Labels);
        Same(PythonReference.Run(Job(cases, report)), report);
        Assert.Equal(0, report.PerClass.Single(c => c.Label == "never-true").Support);
    }
}
