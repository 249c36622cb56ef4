namespace Laoshi.Evaluation.Spans;

/// <summary>Exact-match span precision/recall/F1, overall and per type, over any number of items.</summary>
public static class SpanMetrics
{
    public static SpanReport Compute(IEnumerable<SpanCase> cases)
    {
        var overall = new SpanCounts();
        var types = new Dictionary<string, SpanCounts>(StringComparer.Ordinal);
        SpanCounts Of(string type) => types.TryGetValue(type, out var counts) ? counts : types[type] = new SpanCounts();
        foreach (var item in cases)
        {
            // A span predicted twice still matches one true span once: match as multisets.
            var unmatched = new Dictionary<LabeledSpan, int>();
            foreach (var span in item.Truth)
            {
                overall.Phrases++;
                Of(span.Type).Phrases++;
                unmatched[span] = unmatched.GetValueOrDefault(span) + 1;
            }
            foreach (var span in item.Predicted)
            {
                overall.Found++;
                var counts = Of(span.Type);
                counts.Found++;
                if (unmatched.GetValueOrDefault(span) is > 0 and var left)
                {
                    unmatched[span] = left - 1;
                    overall.Correct++;
                    counts.Correct++;
                }
            }
        }
        return SpanReport.From(overall, types.Select(t => (t.Key, t.Value)));
    }

    /// <summary>How many of one item's predicted spans match a true span exactly (for per-item results and slices).</summary>
    public static long Matches(SpanCase item) => Compute([item]).Correct;
}
