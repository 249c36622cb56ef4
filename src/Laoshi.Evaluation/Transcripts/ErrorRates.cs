namespace Laoshi.Evaluation.Transcripts;

/// <summary>Word and character error rates by Levenshtein alignment (substitution, deletion, insertion each cost 1).</summary>
public static class ErrorRates
{
    public static ErrorRateReport Compute(IEnumerable<TranscriptCase> cases, ErrorUnit unit = ErrorUnit.Word)
    {
        EditCounts words = default, characters = default;
        long utterances = 0;
        foreach (var item in cases)
        {
            utterances++;
            words += Align(TranscriptUnits.Words(item.Truth), TranscriptUnits.Words(item.Hypothesis));
            characters += Align(TranscriptUnits.Characters(item.Truth), TranscriptUnits.Characters(item.Hypothesis));
        }
        return new ErrorRateReport(unit, utterances, words.Rate, characters.Rate, words, characters);
    }

    /// <summary>One utterance's edits in the given unit (for per-item results and slices).</summary>
    public static EditCounts Score(TranscriptCase item, ErrorUnit unit) =>
        Align(TranscriptUnits.Split(item.Truth, unit), TranscriptUnits.Split(item.Hypothesis, unit));

    /// <summary>
    /// A minimum-cost alignment; among equal-cost ones, the one with the most hits ("the cat sat on the mat" →
    /// "the cat sit on mat please" is one substitution, one deletion and one insertion around four hits, not three
    /// substitutions), then a substitution before a deletion before an insertion.
    /// </summary>
    public static EditCounts Align(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        int n = reference.Count, m = hypothesis.Count;
        if (n == 0) return new EditCounts(0, 0, 0, m);
        if (m == 0) return new EditCounts(0, 0, n, 0);
        var width = m + 1;
        var cost = new int[(n + 1) * width];
        var hits = new int[(n + 1) * width];
        for (var j = 0; j <= m; j++) cost[j] = j;
        for (var i = 1; i <= n; i++)
        {
            cost[i * width] = i;
            for (var j = 1; j <= m; j++)
            {
                var best = Best(reference, hypothesis, cost, hits, width, i, j);
                cost[i * width + j] = best.Cost;
                hits[i * width + j] = best.Hits;
            }
        }
        long hitCount = 0, substitutions = 0, deletions = 0, insertions = 0;
        int a = n, b = m;
        while (a > 0 && b > 0)
        {
            switch (Best(reference, hypothesis, cost, hits, width, a, b).Move)
            {
                case Move.Diagonal:
                    if (string.Equals(reference[a - 1], hypothesis[b - 1], StringComparison.Ordinal)) hitCount++;
                    else substitutions++;
                    a--;
                    b--;
                    break;
                case Move.Deletion:
                    deletions++;
                    a--;
                    break;
                default:
                    insertions++;
                    b--;
                    break;
            }
        }
        return new EditCounts(hitCount, substitutions, deletions + a, insertions + b);
    }

    private enum Move
    {
        Diagonal,
        Deletion,
        Insertion,
    }

    /// <summary>The best way into cell (i, j): fewest edits, then most hits, then diagonal, deletion, insertion.</summary>
    private static (int Cost, int Hits, Move Move) Best(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis, int[] cost, int[] hits,
        int width, int i, int j)
    {
        var same = string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal);
        var best = (Cost: cost[(i - 1) * width + j - 1] + (same ? 0 : 1), Hits: hits[(i - 1) * width + j - 1] + (same ? 1 : 0), Move: Move.Diagonal);
        var deletion = (Cost: cost[(i - 1) * width + j] + 1, Hits: hits[(i - 1) * width + j], Move: Move.Deletion);
        if (deletion.Cost < best.Cost || (deletion.Cost == best.Cost && deletion.Hits > best.Hits)) best = deletion;
        var insertion = (Cost: cost[i * width + j - 1] + 1, Hits: hits[i * width + j - 1], Move: Move.Insertion);
        if (insertion.Cost < best.Cost || (insertion.Cost == best.Cost && insertion.Hits > best.Hits)) best = insertion;
        return best;
    }
}
