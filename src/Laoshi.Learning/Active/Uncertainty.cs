namespace Laoshi.Learning.Active;

/// <summary>
/// How unsure a model is about one item, from its class probabilities; 0 = certain, 1 = as unsure as it can be, for
/// each of the three uncertainty strategies. Probabilities need not sum to one (multi-label models, rounding): they are
/// normalised first, so the figures stay comparable across items.
/// </summary>
public static class Uncertainty
{
    public static double Score(string strategy, IReadOnlyDictionary<string, double> classScores)
    {
        ArgumentNullException.ThrowIfNull(classScores);
        return strategy switch
        {
            SamplingStrategies.LeastConfidence => LeastConfidence(classScores.Values),
            SamplingStrategies.Margin => Margin(classScores.Values),
            SamplingStrategies.Entropy => Entropy(classScores.Values),
            _ => throw new ArgumentException($"'{strategy}' is not an uncertainty strategy", nameof(strategy)),
        };
    }

    /// <summary>1 − the top probability, scaled so that a uniform answer over K classes scores 1.</summary>
    public static double LeastConfidence(IEnumerable<double> probabilities)
    {
        var p = Normalised(probabilities);
        if (p.Length < 2) return 0;
        return Math.Clamp((1 - p.Max()) * p.Length / (p.Length - 1), 0, 1);
    }

    /// <summary>1 − (top probability − second probability).</summary>
    public static double Margin(IEnumerable<double> probabilities)
    {
        var p = Normalised(probabilities);
        if (p.Length < 2) return 0;
        Array.Sort(p);
        return Math.Clamp(1 - (p[^1] - p[^2]), 0, 1);
    }

    /// <summary>Shannon entropy divided by log K (K = the class count).</summary>
    public static double Entropy(IEnumerable<double> probabilities)
    {
        var p = Normalised(probabilities);
        if (p.Length < 2) return 0;
        var entropy = 0.0;
        foreach (var x in p)
            if (x > 0) entropy -= x * Math.Log(x);
        return Math.Clamp(entropy / Math.Log(p.Length), 0, 1);
    }

    private static double[] Normalised(IEnumerable<double> probabilities)
    {
        var p = probabilities.Select(x => double.IsFinite(x) && x > 0 ? x : 0).ToArray();
        var sum = p.Sum();
        if (sum <= 0) return [.. p.Select(_ => 1.0 / Math.Max(1, p.Length))];
        for (var i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }
}
