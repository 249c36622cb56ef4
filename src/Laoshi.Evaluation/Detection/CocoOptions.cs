namespace Laoshi.Evaluation.Detection;

/// <summary>
/// The COCO evaluator's parameters. The defaults are pycocotools' for boxes: IoU 0.50:0.05:0.95,
/// 101 recall points, at most 1/10/100 detections per image and category, areas split at 32² and 96².
/// </summary>
public sealed record CocoOptions
{
    /// <summary>IoU thresholds; AP50 and AP75 read the 0.5 and 0.75 entries, so keep them in to get those figures.</summary>
    public IReadOnlyList<double> IouThresholds { get; init; } = CocoThresholds.Linspace(0.5, 0.95, 10);

    /// <summary>Recall points precision is read at (101-point interpolation by default).</summary>
    public IReadOnlyList<double> RecallThresholds { get; init; } = CocoThresholds.Linspace(0.0, 1.0, 101);

    /// <summary>Three limits on detections per image and category, reported as AR1, AR10, AR100 (the last one is used for AP).</summary>
    public IReadOnlyList<int> MaxDetections { get; init; } = [1, 10, 100];

    /// <summary>Largest area that counts as small (inclusive).</summary>
    public double SmallAreaMax { get; init; } = 32 * 32;

    /// <summary>Largest area that counts as medium (inclusive); larger is large.</summary>
    public double MediumAreaMax { get; init; } = 96 * 96;

    /// <summary>False scores boxes whatever their category (class-agnostic detection); per-class figures are then empty.</summary>
    public bool UseCategories { get; init; } = true;
}
