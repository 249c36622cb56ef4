namespace Laoshi.Quality;

/// <summary>Matched boxes over all boxes: 2 × matched pairs / (boxes of both), pooled over items (an F1).</summary>
public sealed record BoxAgreementResult(int MatchedPairs, int Boxes, double? Value);

/// <summary>
/// Box agreement between annotators at a chosen IoU. Matching is greedy: candidate pairs of the same label with
/// IoU ≥ the threshold are taken in descending IoU (ties: earlier boxes first), each box used at most once. Greedy
/// is what COCO-style evaluation does and is optimal whenever the boxes of different objects do not overlap much.
/// </summary>
public static class BoxAgreement
{
    /// <summary>Pairs matched between two annotators' boxes on one item.</summary>
    public static int Match(IReadOnlyList<LabelledBox> first, IReadOnlyList<LabelledBox> second, double threshold)
    {
        var candidates = new List<(double IoU, int A, int B)>();
        for (var a = 0; a < first.Count; a++)
        for (var b = 0; b < second.Count; b++)
        {
            if (first[a].Label != second[b].Label) continue;
            var iou = first[a].Box.IoU(second[b].Box);
            if (iou >= threshold && iou > 0) candidates.Add((iou, a, b));
        }
        candidates.Sort((x, y) => y.IoU.CompareTo(x.IoU) is var c && c != 0 ? c : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var usedA = new bool[first.Count];
        var usedB = new bool[second.Count];
        var matched = 0;
        foreach (var (_, a, b) in candidates)
        {
            if (usedA[a] || usedB[b]) continue;
            usedA[a] = usedB[b] = true;
            matched++;
        }
        return matched;
    }

    /// <summary>Over all items and every pair of annotators who drew on the same item.</summary>
    public static BoxAgreementResult Compute(IEnumerable<IReadOnlyList<LabelledBox>> items, double threshold = 0.5)
    {
        int matched = 0, boxes = 0;
        foreach (var item in items)
        {
            var byAnnotator = item.GroupBy(b => b.Annotator, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<LabelledBox>)g.ToList()).ToList();
            for (var i = 0; i < byAnnotator.Count; i++)
            for (var j = i + 1; j < byAnnotator.Count; j++)
            {
                matched += Match(byAnnotator[i], byAnnotator[j], threshold);
                boxes += byAnnotator[i].Count + byAnnotator[j].Count;
            }
        }
        return new BoxAgreementResult(matched, boxes, boxes == 0 ? null : 2.0 * matched / boxes);
    }
}
