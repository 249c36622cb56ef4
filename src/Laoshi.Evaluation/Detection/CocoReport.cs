using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Detection;

/// <summary>One category's COCO figures, and its interpolated precision at IoU 0.5 over the recall points (for a PR chart).</summary>
public sealed record CocoClassReport(string Category, int Truth, int Detections, CocoFigures Figures, IReadOnlyList<double> PrecisionAt50);

/// <summary>The result of a COCO-style evaluation: the 12 summary numbers and the same per category.</summary>
public sealed record CocoReport(CocoFigures Figures, IReadOnlyList<CocoClassReport> PerClass, int Images, int TruthBoxes, int Detections,
    IReadOnlyList<double> RecallThresholds)
{
    /// <summary>
    /// The JSON names: AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl, per_class: {NAME: {AP, ..., truth, detections}},
    /// plus counts. With <paramref name="curves"/>, each class carries pr_curve_50 (precision at each recall point, IoU 0.5).
    /// </summary>
    public JsonObject ToJson(bool curves = false)
    {
        var json = Figures.ToJson();
        var perClass = new JsonObject();
        foreach (var item in PerClass)
        {
            var one = item.Figures.ToJson();
            one["truth"] = item.Truth;
            one["detections"] = item.Detections;
            if (curves) one["pr_curve_50"] = new JsonArray([.. item.PrecisionAt50.Select(p => (JsonNode?)p)]);
            perClass[item.Category] = one;
        }
        json["per_class"] = perClass;
        json["images"] = Images;
        json["truth_boxes"] = TruthBoxes;
        json["detection_boxes"] = Detections;
        if (curves) json["recall_thresholds"] = new JsonArray([.. RecallThresholds.Select(r => (JsonNode?)r)]);
        return json;
    }
}
