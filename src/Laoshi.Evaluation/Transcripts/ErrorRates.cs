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
    /// A minimum-cost alignment; among equal-cost ones, the backtrace prefers a hit or substitution, then a deletion,
    /// then an insertion (so "a b" → "b" is one deletion, not a substitution and a deletion).
    /// </summary>
    public static EditCounts Align(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        int n = reference.Count, m = hypothesis.Count;
        if (n == 0) return new EditCounts(0, 0, 0, m);
        if (m == 0) return new EditCounts(0, 0, n, 0);
        var cost = new int[(n + 1) * (m + 1)];
        var width = m + 1;
        for (var j = 0; j <= m; j++) cost[j] = j;
        for (var i = 1; i <= n; i++)
        {
            cost[i * width] = i;
            for (var j = 1; j <= m; j++)
            {
                var diagonal = cost[(i - 1) * width + j - 1] + (string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal) ? 0 : 1);
                var deletion = cost[(i - 1) * width + j] + 1;
                var insertion = cost[i * width + j - 1] + 1;
                cost[i * width + j] = Math.Min(diagonal, Math.Min(deletion, insertion));
            }
        }
        long hits = 0, substitutions = 0, deletions = 0, insertions = 0;
        int a = n, b = m;
        while (a > 0 || b > 0)
        {
            var here = cost[a * width + b];
            if (a > 0 && b > 0)
            {
                var same = string.Equals(reference[a - 1], hypothesis[b - 1], StringComparison.Ordinal);
                if (here == cost[(a - 1) * width + b - 1] + (same ? 0 : 1))
                {
                    if (same) hits++;
                    else substitutions++;
                    a--;
                    b--;
                    continue;
                }
            }
            if (a > 0 && here == cost[(a - 1) * width + b] + 1)
            {
                deletions++;
                a--;
            }
            else
            {
                insertions++;
                b--;
            }
        }
        return new EditCounts(hits, substitutions, deletions, insertions);
    }
}
