using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Detection;

/// <summary>One category under the VOC rules; Precision and Recall are the curve after each detection in score order.</summary>
public sealed record VocClassReport(string Category, double AP, int Truth, int Detections, int TruePositives, int FalsePositives,
    IReadOnlyList<double> Precision, IReadOnlyList<double> Recall);

/// <summary>The result of a VOC evaluation: mAP is the mean AP over categories that have ground truth.</summary>
public sealed record VocReport(double MAP, double Iou, VocInterpolation Interpolation, IReadOnlyList<VocClassReport> PerClass)
{
    /// <summary>The JSON names: mAP, per_class: {NAME: {AP, truth, detections, tp, fp}}, with iou and interpolation.</summary>
    public JsonObject ToJson(bool curves = false)
    {
        var perClass = new JsonObject();
        foreach (var item in PerClass)
        {
            var one = new JsonObject
            {
                ["AP"] = item.AP,
                ["truth"] = item.Truth,
                ["detections"] = item.Detections,
                ["tp"] = item.TruePositives,
                ["fp"] = item.FalsePositives,
            };
            if (curves)
            {
                one["precision"] = new JsonArray([.. item.Precision.Select(p => (JsonNode?)p)]);
                one["recall"] = new JsonArray([.. item.Recall.Select(r => (JsonNode?)r)]);
            }
            perClass[item.Category] = one;
        }
        return new JsonObject
        {
            ["mAP"] = MAP,
            ["iou"] = Iou,
            ["interpolation"] = Interpolation == VocInterpolation.ElevenPoint ? "11" : "all",
            ["per_class"] = perClass,
        };
    }
}
