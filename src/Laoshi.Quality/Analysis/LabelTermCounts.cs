namespace Laoshi.Quality.Analysis;

/// <summary>
/// Term counts per label, gathered while streaming over items, for <see cref="DistinctiveTerms"/>. Token totals per
/// label are exact. The term table is bounded: when it holds more than <c>maxTerms</c> distinct terms, the rarest
/// are dropped (lossy counting), so a million items keep memory flat; <see cref="DroppedAtOrBelow"/> says how rare a
/// term had to be to risk being dropped. Rare terms are never distinctive under the prior, so the ranking keeps.
/// </summary>
public sealed class LabelTermCounts
{
    private readonly Dictionary<string, TermEntry> terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> tokens = new(StringComparer.Ordinal);
    private readonly int maxTerms;

    public LabelTermCounts(int maxTerms = 200_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 16);
        this.maxTerms = maxTerms;
    }

    /// <summary>Terms counted at most this many times overall may have been dropped; 0 when nothing was.</summary>
    public long DroppedAtOrBelow { get; private set; }

    public IReadOnlyCollection<string> Labels => tokens.Keys;

    public int DistinctTerms => terms.Count;

    /// <summary>All tokens counted under a label (repeats included).</summary>
    public long TokensOf(string label) => tokens.GetValueOrDefault(label);

    /// <summary>Counts one document's terms under one label (an item with two labels is added twice).</summary>
    public void Add(string label, IReadOnlyList<string> documentTerms)
    {
        ArgumentNullException.ThrowIfNull(label);
        tokens[label] = tokens.GetValueOrDefault(label) + documentTerms.Count;
        foreach (var term in documentTerms)
        {
            if (!terms.TryGetValue(term, out var entry)) terms[term] = entry = new TermEntry();
            entry.Total++;
            entry.ByLabel[label] = entry.ByLabel.GetValueOrDefault(label) + 1;
        }
        if (terms.Count > maxTerms) Prune();
    }

    /// <summary>Each term with its count per label.</summary>
    public IEnumerable<(string Term, long Total, IReadOnlyDictionary<string, long> ByLabel)> Terms()
    {
        foreach (var (term, entry) in terms) yield return (term, entry.Total, entry.ByLabel);
    }

    private void Prune()
    {
        // Terms at or below the old floor go again (they came back after being dropped); then the floor rises,
        // count by count, until a quarter of the room is free, so pruning stays rare (amortised).
        var target = maxTerms * 3 / 4;
        var floor = DroppedAtOrBelow;
        long remaining = terms.Values.LongCount(e => e.Total > floor);
        var byCount = terms.Values.Where(e => e.Total > floor).GroupBy(e => e.Total).Select(g => (Total: g.Key, Terms: g.LongCount())).OrderBy(g => g.Total);
        foreach (var (total, count) in byCount)
        {
            if (remaining <= target) break;
            floor = total;
            remaining -= count;
        }
        foreach (var (term, entry) in terms)
        {
            if (entry.Total <= floor) terms.Remove(term);
        }
        DroppedAtOrBelow = floor;
    }

    private sealed class TermEntry
    {
        public long Total;
        public Dictionary<string, long> ByLabel { get; } = new(StringComparer.Ordinal);
    }
}
