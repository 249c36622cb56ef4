namespace Laoshi.Learning.Thresholds;

/// <summary>
/// What one confidence threshold gives for one class: precision over the answers it keeps (null when it keeps none),
/// recall over the items whose truth holds the class, and how many answers it keeps.
/// </summary>
public sealed record ThresholdPoint(double Threshold, double? Precision, double Recall, long Kept);
