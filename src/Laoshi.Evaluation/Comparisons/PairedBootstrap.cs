namespace Laoshi.Evaluation.Comparisons;

/// <summary>A metric computed over items drawn with repetition: weights[i] is how often item i was drawn.</summary>
public delegate double WeightedMetric(ReadOnlySpan<int> weights);

/// <summary>The change of a metric from baseline to candidate, with its bootstrap confidence interval.</summary>
public sealed record BootstrapInterval(double Baseline, double Candidate, double Delta, double Lower, double Upper, double Confidence, int Resamples)
{
    /// <summary>True when the interval excludes zero: the change is unlikely to be noise at this confidence.</summary>
    public bool Significant => Lower > 0 || Upper < 0;
}

/// <summary>
/// The paired bootstrap: the same resampled items are scored under both models, so the interval is of the delta
/// itself. Seeded, so the same inputs give the same interval on every run. Percentile interval (numpy's linear quantiles).
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultResamples = 1000;
    public const int DefaultSeed = 20261129;

    public static BootstrapInterval Delta(int items, WeightedMetric baseline, WeightedMetric candidate,
        int resamples = DefaultResamples, int seed = DefaultSeed, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), "confidence is a fraction between 0 and 1");
        var weights = new int[items];
        Array.Fill(weights, 1);
        var baseValue = baseline(weights);
        var candidateValue = candidate(weights);
        var deltas = new double[resamples];
        var random = new Random(seed);
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(weights);
            for (var i = 0; i < items; i++) weights[random.Next(items)]++;
            deltas[r] = candidate(weights) - baseline(weights);
        }
        Array.Sort(deltas);
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(baseValue, candidateValue, candidateValue - baseValue,
            Quantile(deltas, tail), Quantile(deltas, 1 - tail), confidence, resamples);
    }

    /// <summary>
    /// Any metric of a list of paired things (cases, per-item results): <paramref name="baseline"/>[i] and
    /// <paramref name="candidate"/>[i] are the same item. The metric sees each drawn item as many times as it was drawn.
    /// </summary>
    public static BootstrapInterval Delta<T>(IReadOnlyList<T> baseline, IReadOnlyList<T> candidate, Func<IEnumerable<T>, double> metric,
        int resamples = DefaultResamples, int seed = DefaultSeed, double confidence = 0.95)
    {
        if (baseline.Count != candidate.Count)
            throw new ArgumentException($"paired lists differ in length ({baseline.Count} and {candidate.Count})", nameof(candidate));
        return Delta(baseline.Count,
            weights => metric(Drawn(baseline, weights.ToArray())),
            weights => metric(Drawn(candidate, weights.ToArray())),
            resamples, seed, confidence);
    }

    /// <summary>The difference in accuracy (fraction right) between two models on the same items.</summary>
    public static BootstrapInterval Accuracy(IReadOnlyList<PairedOutcome> outcomes,
        int resamples = DefaultResamples, int seed = DefaultSeed, double confidence = 0.95) =>
        Delta(outcomes.Count,
            weights => Right(outcomes, weights, o => o.BaselineRight),
            weights => Right(outcomes, weights, o => o.CandidateRight),
            resamples, seed, confidence);

    private static double Right(IReadOnlyList<PairedOutcome> outcomes, ReadOnlySpan<int> weights, Func<PairedOutcome, bool> right)
    {
        long total = 0, correct = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            if (right(outcomes[i])) correct += weights[i];
        }
        return total == 0 ? 0 : (double)correct / total;
    }

    private static IEnumerable<T> Drawn<T>(IReadOnlyList<T> items, int[] weights)
    {
        for (var i = 0; i < weights.Length; i++)
            for (var k = 0; k < weights[i]; k++) yield return items[i];
    }

    /// <summary>numpy's default (linear) quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
