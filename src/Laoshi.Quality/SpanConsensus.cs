namespace Laoshi.Quality;

/// <summary>An agreed span with the share of the item's annotators who marked exactly it.</summary>
public sealed record ConsensusSpan(string Label, int Start, int End, int Votes, double Share);

/// <summary>
/// Span consensus on one item by vote: each distinct (start, end, label) is kept when at least minimumShare of the
/// annotators who answered the item marked exactly it. Kept spans are ordered by start, end, label.
/// </summary>
public static class SpanConsensus
{
    /// <param name="annotators">Everyone who answered the item, including those who marked nothing; null = those in spans.</param>
    public static IReadOnlyList<ConsensusSpan> Compute(IReadOnlyList<LabelledSpan> spans, int? annotators = null, double minimumShare = 0.5)
    {
        var people = annotators ?? spans.Select(s => s.Annotator).Distinct(StringComparer.Ordinal).Count();
        if (people == 0) return [];
        return spans
            .GroupBy(s => (s.Label, s.Start, s.End))
            .Select(g => (g.Key, Votes: g.Select(s => s.Annotator).Distinct(StringComparer.Ordinal).Count()))
            .Where(g => (double)g.Votes / people >= minimumShare)
            .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.End).ThenBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => new ConsensusSpan(g.Key.Label, g.Key.Start, g.Key.End, g.Votes, (double)g.Votes / people))
            .ToList();
    }
}
