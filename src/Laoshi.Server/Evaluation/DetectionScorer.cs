using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Evaluation.Detection;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// A rectanglelabels control as object detection: COCO's twelve numbers and per-class AP over every item, VOC-style AP
/// at IoU 0.5 for slices (a subset has too few boxes for the area ranges to mean much). Boxes in Label Studio percentages
/// are turned into pixels of the original image so COCO's area ranges apply.
/// </summary>
public sealed class DetectionScorer(SchemaControl control) : IControlScorer
{
    private readonly List<DetectionBox> _truth = [];
    private readonly List<DetectionBox> _detections = [];

    public string Control => control.Name;
    public string Task => EvaluationTasks.Detection;
    public string Headline => "AP";
    public bool HigherIsBetter => true;

    public EvaluationItemResult? Add(long itemId, IReadOnlyList<Region> truth, ModelAnswer answer)
    {
        var trueBoxes = ControlRegions.Of(truth, Control).Where(IsBox).ToList();
        var predicted = ControlRegions.Of(answer.Regions, Control).Where(IsBox).ToList();
        var image = itemId.ToString(CultureInfo.InvariantCulture);
        foreach (var box in trueBoxes) _truth.AddRange(Boxes(image, box, null));
        foreach (var box in predicted) _detections.AddRange(Boxes(image, box, box.Score ?? answer.Score ?? 1));
        var (f1, correct) = ItemScore.Regions(trueBoxes, predicted);
        var confidence = predicted.Count == 0 ? null : predicted.Average(b => b.Score ?? answer.Score);
        return new EvaluationItemResult(itemId, Control, correct, f1, confidence, OutcomeJson.Regions(trueBoxes), OutcomeJson.Regions(predicted));
    }

    private static bool IsBox(Region r) => r.Type is RegionTypes.RectangleLabels or RegionTypes.Rectangle && r.X is not null && r.Width is not null;

    /// <summary>One detection box per label the region carries (a box with two labels counts for both classes).</summary>
    private static IEnumerable<DetectionBox> Boxes(string image, Region r, double? score)
    {
        var (sx, sy) = r.Units == CoordinateUnits.Percent && r.OriginalWidth is { } w && r.OriginalHeight is { } h ? (w / 100.0, h / 100.0) : (1.0, 1.0);
        var labels = r.Labels.Count > 0 ? r.Labels : [""];
        foreach (var label in labels)
            yield return new DetectionBox(image, label, r.X!.Value * sx, r.Y!.Value * sy, r.Width!.Value * sx, r.Height!.Value * sy, score);
    }

    public JsonObject Metrics()
    {
        var coco = CocoEvaluation.Evaluate(_truth, _detections).ToJson(curves: true);
        coco["voc"] = VocEvaluation.Evaluate(_truth, _detections).ToJson();
        return coco;
    }

    public JsonObject? SliceMetrics(IReadOnlySet<long> items)
    {
        var keys = items.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var truth = _truth.Where(b => keys.Contains(b.Image)).ToList();
        if (truth.Count == 0) return null;
        var coco = CocoEvaluation.Evaluate(truth, _detections.Where(b => keys.Contains(b.Image)).ToList()).ToJson();
        return new JsonObject { ["AP"] = coco["AP"]?.DeepClone(), ["AP50"] = coco["AP50"]?.DeepClone() };
    }
}
