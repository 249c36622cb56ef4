using Laoshi.Core.Errors;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// Confident learning (Northcutt, Jiang and Chuang, 2021) over out-of-fold probabilities: a class's threshold is the
/// mean probability the model gives it on the examples labelled with it; an example is confidently counted as class j
/// when its probability of j reaches j's threshold (the likeliest such j when several do); the confident joint counts
/// given label × confident class; examples off its diagonal, or the estimated number of errors per pair of classes,
/// are the suspects. Per-class thresholds (rather than one cut-off) keep a class the model is shy of from hiding its errors.
/// </summary>
public static class ConfidentLearning
{
    // Probabilities that equal a threshold up to rounding still reach it.
    private const double Tolerance = 1e-9;

    public static LabelErrorReport Find(IReadOnlyList<string> classes, IReadOnlyList<LabelledProbabilities> examples, LabelErrorOptions? options = null)
    {
        options ??= new LabelErrorOptions();
        var k = classes.Count;
        if (k < 2) throw new BadInputException("label-error detection needs at least two classes", field: "label");
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < k; c++) classIndex[classes[c]] = c;

        var given = new int[examples.Count];
        for (var n = 0; n < examples.Count; n++)
        {
            var example = examples[n];
            if (!classIndex.TryGetValue(example.Given, out given[n]))
                throw new BadInputException($"example '{example.Id}' has the label '{example.Given}', which is not one of the classes", field: "label");
            if (example.Probabilities.Count != k)
                throw new ArgumentException($"example '{example.Id}' has {example.Probabilities.Count} probabilities for {k} classes", nameof(examples));
        }

        var thresholds = Thresholds(k, examples, given);
        var joint = new int[k][];
        for (var c = 0; c < k; c++) joint[c] = new int[k];
        var confident = new int[examples.Count];
        for (var n = 0; n < examples.Count; n++)
        {
            confident[n] = ConfidentClass(examples[n].Probabilities, thresholds);
            if (confident[n] >= 0) joint[given[n]][confident[n]]++;
        }

        var offDiagonal = Enumerable.Range(0, examples.Count).Where(n => confident[n] >= 0 && confident[n] != given[n]).ToHashSet();
        var pruned = PruneByNoiseRate(k, examples, given, joint);
        var chosen = options.Filter switch
        {
            LabelErrorFilter.ConfidentJoint => offDiagonal,
            LabelErrorFilter.PruneByNoiseRate => pruned,
            _ => offDiagonal.Intersect(pruned).ToHashSet(),
        };

        var suspects = chosen
            .Select(n => (n, best: Best(examples[n].Probabilities)))
            // The model's own favourite agreeing with the label means nothing to correct.
            .Where(x => x.best != given[x.n])
            .Select(x => new LabelSuspect(examples[x.n].Id, examples[x.n].Given, classes[x.best],
                Score(examples[x.n].Probabilities, given[x.n], options.Ranking)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return new LabelErrorReport(classes, suspects, thresholds, [.. joint.Select(row => (IReadOnlyList<int>)row)], examples.Count);
    }

    /// <summary>Each class's mean probability over the examples labelled with it.</summary>
    private static double[] Thresholds(int k, IReadOnlyList<LabelledProbabilities> examples, int[] given)
    {
        var sums = new double[k];
        var counts = new int[k];
        for (var n = 0; n < examples.Count; n++)
        {
            sums[given[n]] += examples[n].Probabilities[given[n]];
            counts[given[n]]++;
        }
        return [.. Enumerable.Range(0, k).Select(c => counts[c] == 0 ? double.NaN : sums[c] / counts[c])];
    }

    /// <summary>The likeliest class whose probability reaches its threshold, or -1 when none does.</summary>
    private static int ConfidentClass(IReadOnlyList<double> probabilities, double[] thresholds)
    {
        var best = -1;
        for (var c = 0; c < thresholds.Length; c++)
            if (!double.IsNaN(thresholds[c]) && probabilities[c] >= thresholds[c] - Tolerance && (best < 0 || probabilities[c] > probabilities[best]))
                best = c;
        return best;
    }

    /// <summary>
    /// Calibrates the confident joint so each given label's row sums to how many examples carry it, then for every pair
    /// (given i, true j ≠ i) takes that many examples labelled i, those the model prefers j over i by the widest margin.
    /// </summary>
    private static HashSet<int> PruneByNoiseRate(int k, IReadOnlyList<LabelledProbabilities> examples, int[] given, int[][] joint)
    {
        var chosen = new HashSet<int>();
        var byGiven = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, examples.Count).Where(n => given[n] == c).ToList()).ToList();
        for (var i = 0; i < k; i++)
        {
            var rowSum = joint[i].Sum();
            if (rowSum == 0) continue;
            for (var j = 0; j < k; j++)
            {
                if (j == i || joint[i][j] == 0) continue;
                var estimated = (int)Math.Round((double)joint[i][j] / rowSum * byGiven[i].Count);
                var (ci, cj) = (i, j);
                foreach (var n in byGiven[i]
                             .OrderByDescending(n => examples[n].Probabilities[cj] - examples[n].Probabilities[ci])
                             .ThenBy(n => n)
                             .Take(estimated))
                    chosen.Add(n);
            }
        }
        return chosen;
    }

    private static int Best(IReadOnlyList<double> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Count; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    private static double Score(IReadOnlyList<double> probabilities, int given, LabelErrorRanking ranking)
    {
        if (ranking == LabelErrorRanking.SelfConfidence) return 1 - probabilities[given];
        var otherBest = Enumerable.Range(0, probabilities.Count).Where(c => c != given).Max(c => probabilities[c]);
        return (otherBest - probabilities[given] + 1) / 2;
    }
}
