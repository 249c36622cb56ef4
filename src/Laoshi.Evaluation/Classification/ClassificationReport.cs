using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// Every classification figure for one set of cases. Labels are sorted ordinally (as sklearn's unique_labels);
/// rates are fractions. <see cref="ToJson"/> gives the names of `laoshi metrics classification --json`.
/// </summary>
public sealed record ClassificationReport(
    long Items,
    bool MultiLabel,
    IReadOnlyList<string> Labels,
    double Accuracy,
    AveragedScores Macro,
    AveragedScores Micro,
    AveragedScores Weighted,
    AveragedScores? Samples,
    IReadOnlyList<ClassMetrics> PerClass,
    ConfusionMatrix? Confusion,
    double? RocAucMacro,
    double? PrAucMacro,
    double? Ece,
    IReadOnlyList<ReliabilityBin> Reliability,
    IReadOnlyList<ClassCurves> Curves)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["items"] = Items,
            ["multi_label"] = MultiLabel,
            ["accuracy"] = Accuracy,
            ["precision_macro"] = Macro.Precision,
            ["recall_macro"] = Macro.Recall,
            ["f1_macro"] = Macro.F1,
            ["precision_micro"] = Micro.Precision,
            ["recall_micro"] = Micro.Recall,
            ["f1_micro"] = Micro.F1,
            ["precision_weighted"] = Weighted.Precision,
            ["recall_weighted"] = Weighted.Recall,
            ["f1_weighted"] = Weighted.F1,
        };
        if (Samples is { } samples)
        {
            json["precision_samples"] = samples.Precision;
            json["recall_samples"] = samples.Recall;
            json["f1_samples"] = samples.F1;
        }
        if (RocAucMacro is { } roc) json["roc_auc_macro"] = roc;
        if (PrAucMacro is { } pr) json["pr_auc_macro"] = pr;
        if (Ece is { } ece) json["ece"] = ece;
        var perClass = new JsonObject();
        foreach (var metrics in PerClass)
        {
            var entry = new JsonObject
            {
                ["precision"] = metrics.Precision,
                ["recall"] = metrics.Recall,
                ["f1"] = metrics.F1,
                ["support"] = metrics.Support,
                ["predicted"] = metrics.Predicted,
            };
            if (metrics.RocAuc is { } classRoc) entry["roc_auc"] = classRoc;
            if (metrics.PrAuc is { } classPr) entry["pr_auc"] = classPr;
            perClass[metrics.Label] = entry;
        }
        json["per_class"] = perClass;
        json["labels"] = new JsonArray([.. Labels.Select(label => (JsonNode?)JsonValue.Create(label))]);
        if (Confusion is { } confusion)
        {
            json["confusion"] = new JsonObject
            {
                ["labels"] = new JsonArray([.. confusion.Labels.Select(label => (JsonNode?)JsonValue.Create(label))]),
                ["matrix"] = new JsonArray([.. confusion.Matrix.Select(row => (JsonNode?)new JsonArray([.. row.Select(count => (JsonNode?)JsonValue.Create(count))]))]),
            };
        }
        if (Reliability.Count > 0)
        {
            json["reliability"] = new JsonArray([.. Reliability.Select(bin => (JsonNode?)new JsonObject
            {
                ["lower"] = bin.Lower,
                ["upper"] = bin.Upper,
                ["count"] = bin.Count,
                ["confidence"] = bin.Confidence,
                ["accuracy"] = bin.Accuracy,
            })]);
        }
        if (Curves.Count > 0)
        {
            var curves = new JsonObject();
            foreach (var curve in Curves)
            {
                curves[curve.Label] = new JsonObject
                {
                    ["roc"] = new JsonArray([.. curve.Roc.Select(p => (JsonNode?)new JsonObject
                    {
                        ["fpr"] = p.FalsePositiveRate, ["tpr"] = p.TruePositiveRate, ["threshold"] = Finite(p.Threshold),
                    })]),
                    ["pr"] = new JsonArray([.. curve.Pr.Select(p => (JsonNode?)new JsonObject
                    {
                        ["recall"] = p.Recall, ["precision"] = p.Precision, ["threshold"] = Finite(p.Threshold),
                    })]),
                };
            }
            json["curves"] = curves;
        }
        return json;
    }

    /// <summary>JSON has no infinity: the curve's "everything negative" end point has no threshold.</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>Precision, recall and F1 averaged one way (macro, micro, weighted or samples).</summary>
public sealed record AveragedScores(double Precision, double Recall, double F1);

/// <summary>One class's figures; zero where undefined (sklearn's zero_division=0). AUCs only when the class has scores and both outcomes.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, long Support, long Predicted, double? RocAuc, double? PrAuc);

/// <summary>Rows are true labels, columns predicted labels, both in <see cref="Labels"/> order (sklearn's confusion_matrix).</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Labels, IReadOnlyList<long[]> Matrix);

/// <summary>One bin of the reliability diagram: mean confidence against the fraction right; null when the bin is empty.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, long Count, double? Confidence, double? Accuracy);

/// <summary>A class's ROC and precision–recall curves (one-vs-rest), thinned to a drawable number of points.</summary>
public sealed record ClassCurves(string Label, IReadOnlyList<RocPoint> Roc, IReadOnlyList<PrPoint> Pr);

public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);

public sealed record PrPoint(double Recall, double Precision, double Threshold);
