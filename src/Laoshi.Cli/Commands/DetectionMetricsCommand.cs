using System.CommandLine;
using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Evaluation.Detection;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi metrics detection`: COCO ground truth and COCO result-format detections in (or two folders of VOC-style
/// .txt files), the 12 COCO numbers and per-class AP out — or, with --style voc, the VOC devkit's mAP and per-class AP.
/// </summary>
public static class DetectionMetricsCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "COCO instances JSON (images, categories, annotations), or a folder of .txt files \"class left top width height\"", Required = true };
        var pred = new Option<string>("--pred") { Description = "COCO result JSON (a list of {image_id, category_id, bbox, score}), or a folder of .txt files \"class confidence left top width height\"", Required = true };
        var style = new Option<string>("--style") { Description = "coco (AP@[.50:.95], AP50, ..., AR100) or voc (mAP at one IoU, inclusive pixels)", DefaultValueFactory = _ => "coco" };
        style.AcceptOnlyFromAmong("coco", "voc");
        var iou = new Option<double?>("--iou") { Description = "IoU threshold: VOC's (default 0.5); for COCO, score at this one threshold instead of 0.50:0.05:0.95" };
        var interpolation = new Option<string?>("--interpolation") { Description = "COCO: 101 (default) or 11 recall points; VOC: all (default, all-point) or 11 (VOC 2007's 11-point)" };
        interpolation.AcceptOnlyFromAmong("101", "11", "all");
        var curves = new Option<bool>("--curves") { Description = "With --json, add each class's precision/recall curve (for charts)" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON: AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl, per_class (voc: mAP, per_class)" };
        var gate = new GateOption();
        var command = new Command("detection", "Object detection: COCO's 12 numbers (pycocotools' rules) or VOC AP (devkit rules), per class.")
        {
            truth, pred, style, iou, interpolation, curves, json,
        };
        gate.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var gates = gate.Parse(result);
            var voc = result.GetValue(style) == "voc";
            var threshold = result.GetValue(iou);
            if (threshold is { } t && !(t > 0 && t <= 1)) throw new BadInputException($"--iou must be above 0 and at most 1 (got {t})", field: "iou");
            var points = result.GetValue(interpolation);
            if (voc && points == "101") throw new BadInputException("--style voc takes --interpolation all or 11 (101 is COCO's)", field: "interpolation");
            if (!voc && points == "all") throw new BadInputException("--style coco takes --interpolation 101 or 11 (all-point is VOC's)", field: "interpolation");

            var (truthBoxes, detections) = await ReadAsync(result.GetValue(truth)!, result.GetValue(pred)!, ct);
            if (voc)
            {
                var report = VocEvaluation.Evaluate(truthBoxes, detections, threshold ?? 0.5,
                    points == "11" ? VocInterpolation.ElevenPoint : VocInterpolation.AllPoints);
                return GateOption.Finish(gates, report.ToJson(result.GetValue(curves)), result.GetValue(json), () => PrintVoc(report));
            }
            var options = new CocoOptions();
            if (threshold is { } single) options = options with { IouThresholds = [single] };
            if (points == "11") options = options with { RecallThresholds = CocoThresholds.Linspace(0, 1, 11) };
            var coco = CocoEvaluation.Evaluate(truthBoxes, detections, options);
            return GateOption.Finish(gates, coco.ToJson(result.GetValue(curves)), result.GetValue(json), () => PrintCoco(coco, threshold));
        });
        return command;
    }

    private static async Task<(IReadOnlyList<DetectionBox> Truth, IReadOnlyList<DetectionBox> Detections)> ReadAsync(string truth, string pred, CancellationToken ct)
    {
        if (Directory.Exists(truth) != Directory.Exists(pred))
            throw new BadInputException("--truth and --pred must both be COCO JSON files or both be folders of .txt files", Directory.Exists(truth) ? pred : truth);
        if (Directory.Exists(truth))
            return (await DetectionTextFolder.ReadTruthAsync(truth, ct), await DetectionTextFolder.ReadDetectionsAsync(pred, ct));
        var groundTruth = await CocoFiles.ReadTruthAsync(truth, ct);
        return (groundTruth.Boxes, await CocoFiles.ReadDetectionsAsync(pred, groundTruth, ct));
    }

    private static string F(double value) => value < 0 ? "    -1" : value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static void PrintCoco(CocoReport report, double? single)
    {
        Console.WriteLine($"{report.Images:N0} images, {report.TruthBoxes:N0} ground-truth boxes, {report.Detections:N0} detections");
        var range = single is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "0.50:0.95";
        string[] meaning =
        [
            $"Average Precision  @[ IoU={range} | area=   all | maxDets=100 ]",
            "Average Precision  @[ IoU=0.50      | area=   all | maxDets=100 ]",
            "Average Precision  @[ IoU=0.75      | area=   all | maxDets=100 ]",
            $"Average Precision  @[ IoU={range} | area= small | maxDets=100 ]",
            $"Average Precision  @[ IoU={range} | area=medium | maxDets=100 ]",
            $"Average Precision  @[ IoU={range} | area= large | maxDets=100 ]",
            $"Average Recall     @[ IoU={range} | area=   all | maxDets=  1 ]",
            $"Average Recall     @[ IoU={range} | area=   all | maxDets= 10 ]",
            $"Average Recall     @[ IoU={range} | area=   all | maxDets=100 ]",
            $"Average Recall     @[ IoU={range} | area= small | maxDets=100 ]",
            $"Average Recall     @[ IoU={range} | area=medium | maxDets=100 ]",
            $"Average Recall     @[ IoU={range} | area= large | maxDets=100 ]",
        ];
        var values = report.Figures.Values;
        for (var i = 0; i < values.Count; i++) Console.WriteLine($"{CocoFigures.Names[i],-6} {F(values[i])}  {meaning[i]}");
        var scored = report.PerClass.Where(c => c.Truth > 0).ToList();
        if (scored.Count == 0) return;
        var width = Math.Max(5, scored.Max(c => c.Category.Length));
        Console.WriteLine();
        Console.WriteLine($"{"class".PadRight(width)}        AP      AP50  truth  detections");
        foreach (var c in scored)
            Console.WriteLine($"{c.Category.PadRight(width)}  {F(c.Figures.AP)}  {F(c.Figures.AP50)}  {c.Truth,5:N0}  {c.Detections,10:N0}");
    }

    private static void PrintVoc(VocReport report)
    {
        var method = report.Interpolation == VocInterpolation.ElevenPoint ? "11-point" : "all-point";
        Console.WriteLine($"VOC AP at IoU >= {report.Iou.ToString(CultureInfo.InvariantCulture)} ({method} interpolation, inclusive pixels)");
        var width = Math.Max(5, report.PerClass.Select(c => c.Category.Length).DefaultIfEmpty(0).Max());
        Console.WriteLine($"{"class".PadRight(width)}        AP          truth  detections     tp     fp");
        foreach (var c in report.PerClass)
            Console.WriteLine($"{c.Category.PadRight(width)}  {F(c.AP)} {Percent(c.AP)}  {c.Truth,5:N0}  {c.Detections,10:N0}  {c.TruePositives,5:N0}  {c.FalsePositives,5:N0}");
        Console.WriteLine($"mAP {F(report.MAP)} {Percent(report.MAP)}");
    }

    private static string Percent(double value) => $"({(value * 100).ToString("0.00", CultureInfo.InvariantCulture)} %)";
}
