using Laoshi.Core.Errors;

namespace Laoshi.Quality;

/// <summary>
/// Cohen's kappa between exactly two annotators over the items both labelled, computed as scikit-learn's
/// cohen_kappa_score does: the labels are those the two used on those items, in sort order, and weights
/// (linear |i−j|, quadratic (i−j)²) use positions in that order. NaN when expected disagreement is zero.
/// </summary>
public static class CohenKappa
{
    public static double Compute(RatingTable table, CohenWeights weights = CohenWeights.None)
    {
        var used = UsedAnnotators(table);
        if (used.Count != 2)
            throw new BadInputException($"Cohen's kappa needs exactly two annotators; the data has {used.Count}" +
                (used.Count > 2 ? $" ({string.Join(", ", used.Take(5).Select(a => table.Annotators[a]))}{(used.Count > 5 ? ", ..." : "")}); use fleiss or krippendorff, or the per-pair figures" : ""), field: "annotator");
        var (first, second) = (used[0], used[1]);
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        var firstLabels = new List<int>();
        var secondLabels = new List<int>();
        for (var item = 0; item < table.ItemCount; item++)
        {
            int a = -1, b = -1;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                if (annotators[r] == first) a = labels[r];
                else if (annotators[r] == second) b = labels[r];
            }
            if (a < 0 || b < 0) continue;
            firstLabels.Add(a);
            secondLabels.Add(b);
        }
        if (firstLabels.Count == 0)
            throw new BadInputException($"annotators '{table.Annotators[first]}' and '{table.Annotators[second]}' labelled no item in common", field: "item");
        return FromPairs(firstLabels.ToArray(), secondLabels.ToArray(), table.LabelCount, weights);
    }

    /// <summary>Kappa of two parallel label arrays (label ids below labelCount, sort-ordered).</summary>
    public static double FromPairs(ReadOnlySpan<int> first, ReadOnlySpan<int> second, int labelCount, CohenWeights weights = CohenWeights.None)
    {
        // Compact to the labels present, keeping their order: weights depend on positions among them.
        var position = new int[labelCount];
        foreach (var l in first) position[l] = 1;
        foreach (var l in second) position[l] = 1;
        var k = 0;
        for (var l = 0; l < labelCount; l++) position[l] = position[l] == 1 ? k++ : -1;
        var confusion = new double[k * k];
        var rows = new double[k];
        var columns = new double[k];
        for (var i = 0; i < first.Length; i++)
        {
            var (a, b) = (position[first[i]], position[second[i]]);
            confusion[a * k + b]++;
            rows[a]++;
            columns[b]++;
        }
        double n = first.Length, observed = 0, expected = 0;
        for (var i = 0; i < k; i++)
        for (var j = 0; j < k; j++)
        {
            var w = weights switch
            {
                CohenWeights.Linear => Math.Abs(i - j),
                CohenWeights.Quadratic => (double)(i - j) * (i - j),
                _ => i == j ? 0.0 : 1.0,
            };
            if (w == 0) continue;
            observed += w * confusion[i * k + j];
            expected += w * rows[i] * columns[j] / n;
        }
        return expected == 0 ? double.NaN : 1 - observed / expected;
    }

    internal static List<int> UsedAnnotators(RatingTable table)
    {
        var seen = new bool[table.AnnotatorCount];
        foreach (var a in table.RatingAnnotators) seen[a] = true;
        var used = new List<int>();
        for (var a = 0; a < seen.Length; a++) if (seen[a]) used.Add(a);
        return used;
    }
}
