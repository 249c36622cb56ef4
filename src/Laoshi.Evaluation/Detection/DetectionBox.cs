namespace Laoshi.Evaluation.Detection;

/// <summary>
/// One axis-aligned box on one image, either ground truth or a detection, in pixels:
/// (<see cref="X"/>, <see cref="Y"/>) is the top-left corner, as COCO's bbox [x, y, width, height].
/// </summary>
/// <param name="Score">The detector's confidence; required for detections, ignored for ground truth.</param>
/// <param name="IsCrowd">COCO's iscrowd (a region covering many objects), which VOC evaluation treats as "difficult":
/// matching it neither helps nor hurts.</param>
/// <param name="Area">The object's area for COCO's small/medium/large ranges (COCO ground truth carries the
/// segmentation's area); null means width × height.</param>
public sealed record DetectionBox(string Image, string Category, double X, double Y, double Width, double Height,
    double? Score = null, bool IsCrowd = false, double? Area = null);
