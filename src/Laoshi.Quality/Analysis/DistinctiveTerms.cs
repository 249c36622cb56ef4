namespace Laoshi.Quality.Analysis;

/// <summary>A term that marks a label: its counts in and outside the label, its log-odds ratio and that ratio's z-score.</summary>
public sealed record DistinctiveTerm(string Term, long Count, long RestCount, double LogOdds, double ZScore);

/// <summary>
/// The words (or Chinese character n-grams) most typical of each label against all the other labels, by the
/// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", §3.5):
/// for label i against the rest j, with prior counts α_w and α_0 = Σ α_w,
/// δ_w = log((y_iw + α_w) / (n_i + α_0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α_0 − y_jw − α_w)),
/// σ²(δ_w) ≈ 1/(y_iw + α_w) + 1/(y_jw + α_w), ranked by z = δ_w / σ. The prior is informative: α_w is the term's
/// count over the whole data set times <c>priorScale</c>, which shrinks the ratios of rare terms towards zero so that
/// a word seen twice does not outrank one seen two hundred times.
/// </summary>
public static class DistinctiveTerms
{
    /// <summary>The top terms per label, highest z first; only terms with a positive z (over-represented) are listed.</summary>
    /// <param name="minCount">A term must occur at least this often under the label to be listed.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<DistinctiveTerm>> Compute(
        LabelTermCounts counts, int top = 20, double priorScale = 1, long minCount = 2)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (!(priorScale > 0)) throw new ArgumentOutOfRangeException(nameof(priorScale), priorScale, "must be positive");
        var labels = counts.Labels.OrderBy(l => l, StringComparer.Ordinal).ToList();
        long allTokens = labels.Sum(counts.TokensOf);
        var alpha0 = priorScale * allTokens;
        var best = labels.ToDictionary(l => l, _ => new PriorityQueue<DistinctiveTerm, double>(), StringComparer.Ordinal);
        foreach (var (term, total, byLabel) in counts.Terms())
        {
            var alpha = priorScale * total;
            foreach (var (label, inside) in byLabel)
            {
                if (inside < minCount) continue;
                var rest = total - inside;
                var n = counts.TokensOf(label);
                var (delta, z) = Score(inside, n, rest, allTokens - n, alpha, alpha0);
                if (!(z > 0)) continue;
                var heap = best[label];
                var candidate = new DistinctiveTerm(term, inside, rest, delta, z);
                if (heap.Count < top) heap.Enqueue(candidate, z);
                else if (z > heap.Peek().ZScore || (z == heap.Peek().ZScore && string.CompareOrdinal(term, heap.Peek().Term) < 0))
                    heap.EnqueueDequeue(candidate, z);
            }
        }
        return best.ToDictionary(p => p.Key, p => (IReadOnlyList<DistinctiveTerm>)Drain(p.Value), StringComparer.Ordinal);
    }

    /// <summary>δ and z for one term: y_i of n_i tokens in the label, y_j of n_j in the rest, prior α_w of α_0.</summary>
    public static (double LogOdds, double ZScore) Score(double yi, double ni, double yj, double nj, double alphaW, double alpha0)
    {
        var delta = Math.Log((yi + alphaW) / (ni + alpha0 - yi - alphaW)) - Math.Log((yj + alphaW) / (nj + alpha0 - yj - alphaW));
        var variance = 1 / (yi + alphaW) + 1 / (yj + alphaW);
        return (delta, delta / Math.Sqrt(variance));
    }

    private static List<DistinctiveTerm> Drain(PriorityQueue<DistinctiveTerm, double> heap)
    {
        var list = new List<DistinctiveTerm>(heap.Count);
        while (heap.Count > 0) list.Add(heap.Dequeue());
        list.Sort((a, b) => b.ZScore != a.ZScore ? b.ZScore.CompareTo(a.ZScore) : string.CompareOrdinal(a.Term, b.Term));
        return list;
    }
}
