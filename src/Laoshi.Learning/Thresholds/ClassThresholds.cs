namespace Laoshi.Learning.Thresholds;

/// <summary>One class's precision/recall over the threshold grid, and at the threshold set now (if any).</summary>
public sealed record ClassThresholds(string Label, long Support, double? Current, ThresholdPoint? AtCurrent, IReadOnlyList<ThresholdPoint> Points);
