namespace Laoshi.Learning.External;

/// <summary>
/// Greedy non-maximum suppression as YOLO exports expect it: highest score first, a box is dropped when it overlaps a
/// kept box of the same class (any class when class-agnostic) by more than the IoU threshold.
/// </summary>
public static class NonMaxSuppression
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> candidates, double iouThreshold, int maxDetections, bool classAgnostic = false)
    {
        var kept = new List<Detection>();
        foreach (var candidate in candidates.OrderByDescending(d => d.Score))
        {
            if (kept.Count >= maxDetections) break;
            var suppressed = false;
            foreach (var k in kept)
            {
                if ((classAgnostic || k.ClassIndex == candidate.ClassIndex) && k.IntersectionOverUnion(candidate) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) kept.Add(candidate);
        }
        return kept;
    }
}
