using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// The 12 numbers of the COCO evaluator's summary, as fractions. -1 means "not defined", as in pycocotools:
/// no ground truth in that area range (or category).
/// </summary>
public sealed record CocoFigures(double AP, double AP50, double AP75, double APs, double APm, double APl,
    double AR1, double AR10, double AR100, double ARs, double ARm, double ARl)
{
    /// <summary>The JSON names, in the order pycocotools prints them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"];

    public IReadOnlyList<double> Values => [AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl];

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        var values = Values;
        for (var i = 0; i < Names.Count; i++) json[Names[i]] = values[i];
        return json;
    }
}
