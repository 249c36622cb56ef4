namespace Laoshi.Evaluation.Detection;

/// <summary>A COCO ground-truth file as evaluation needs it: the boxes, category names by id, and the image ids it declares.</summary>
public sealed record CocoGroundTruth(IReadOnlyList<DetectionBox> Boxes, IReadOnlyDictionary<long, string> Categories, IReadOnlySet<string> Images);
