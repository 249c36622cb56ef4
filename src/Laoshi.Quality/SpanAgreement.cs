namespace Laoshi.Quality;

/// <summary>F1 between two annotators' spans. Null where neither marked anything.</summary>
public sealed record SpanAgreementResult(int FirstSpans, int SecondSpans, double? ExactF1, double? OverlapF1);

/// <summary>
/// Span agreement between two annotators, pooled over items, each treated as the other's reference.
/// Exact: same start, end and label; F1 = 2 × matches / (spans of both). Overlap: a span counts as found when the other
/// annotator marked an overlapping span of the same label; precision and recall are the shares found each way.
/// </summary>
public static class SpanAgreement
{
    public static SpanAgreementResult Compute(IEnumerable<IReadOnlyList<LabelledSpan>> items, string first, string second)
    {
        int firstCount = 0, secondCount = 0, exact = 0, firstFound = 0, secondFound = 0;
        foreach (var item in items)
        {
            var a = item.Where(s => s.Annotator == first).ToList();
            var b = item.Where(s => s.Annotator == second).ToList();
            firstCount += a.Count;
            secondCount += b.Count;
            var remaining = b.Select(s => (s.Label, s.Start, s.End)).ToList();
            foreach (var span in a)
            {
                // Each exact span of the other side matches once.
                var at = remaining.IndexOf((span.Label, span.Start, span.End));
                if (at < 0) continue;
                remaining.RemoveAt(at);
                exact++;
            }
            firstFound += a.Count(s => b.Any(s.Overlaps));
            secondFound += b.Count(s => a.Any(s.Overlaps));
        }
        var total = firstCount + secondCount;
        if (total == 0) return new SpanAgreementResult(0, 0, null, null);
        double precision = firstCount == 0 ? 0 : (double)firstFound / firstCount;
        double recall = secondCount == 0 ? 0 : (double)secondFound / secondCount;
        var overlap = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new SpanAgreementResult(firstCount, secondCount, 2.0 * exact / total, overlap);
    }
}
