namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// Scores tag sequences as the sum of per-token tag scores (emissions, n × T) and tag-to-tag transition scores
/// ((T + 1) × T; row T is the start of the sequence). Viterbi gives the best sequence that BIO allows;
/// forward-backward over the same scores gives each token's tag probabilities, which the model reports as confidence.
/// </summary>
public static class SequenceDecoder
{
    /// <summary>Per token and tag, the sum of the weights of the token's features (features missing from the model are -1 ids, skipped).</summary>
    public static double[] Emissions(int[][] features, float[] emission, int tagCount)
    {
        var scores = new double[features.Length * tagCount];
        for (var i = 0; i < features.Length; i++)
        {
            var row = i * tagCount;
            foreach (var feature in features[i])
            {
                if (feature < 0) continue;
                var offset = feature * tagCount;
                for (var t = 0; t < tagCount; t++) scores[row + t] += emission[offset + t];
            }
        }
        return scores;
    }

    public static int[] Viterbi(double[] emissions, int length, float[] transition, int tagCount)
    {
        var path = new int[length];
        if (length == 0) return path;
        var best = new double[length * tagCount];
        var back = new int[length * tagCount];
        for (var t = 0; t < tagCount; t++)
            best[t] = BioTags.Allowed(-1, t) ? transition[tagCount * tagCount + t] + emissions[t] : double.NegativeInfinity;
        for (var i = 1; i < length; i++)
        {
            for (var t = 0; t < tagCount; t++)
            {
                var top = double.NegativeInfinity;
                var from = 0;
                for (var p = 0; p < tagCount; p++)
                {
                    if (!BioTags.Allowed(p, t)) continue;
                    var score = best[(i - 1) * tagCount + p] + transition[p * tagCount + t];
                    if (score > top)
                    {
                        top = score;
                        from = p;
                    }
                }
                best[i * tagCount + t] = top + emissions[i * tagCount + t];
                back[i * tagCount + t] = from;
            }
        }
        var last = 0;
        for (var t = 1; t < tagCount; t++)
            if (best[(length - 1) * tagCount + t] > best[(length - 1) * tagCount + last]) last = t;
        for (var i = length - 1; i >= 0; i--)
        {
            path[i] = last;
            last = back[i * tagCount + last];
        }
        return path;
    }

    /// <summary>P(token i has tag t) under a softmax over all allowed sequences, n × T.</summary>
    public static double[] Marginals(double[] emissions, int length, float[] transition, int tagCount)
    {
        var alpha = new double[length * tagCount];
        var beta = new double[length * tagCount];
        var terms = new double[tagCount];
        for (var t = 0; t < tagCount; t++)
            alpha[t] = BioTags.Allowed(-1, t) ? transition[tagCount * tagCount + t] + emissions[t] : double.NegativeInfinity;
        for (var i = 1; i < length; i++)
        {
            for (var t = 0; t < tagCount; t++)
            {
                for (var p = 0; p < tagCount; p++)
                    terms[p] = BioTags.Allowed(p, t) ? alpha[(i - 1) * tagCount + p] + transition[p * tagCount + t] : double.NegativeInfinity;
                alpha[i * tagCount + t] = LogSum(terms) + emissions[i * tagCount + t];
            }
        }
        for (var i = length - 2; i >= 0; i--)
        {
            for (var p = 0; p < tagCount; p++)
            {
                for (var t = 0; t < tagCount; t++)
                    terms[t] = BioTags.Allowed(p, t)
                        ? transition[p * tagCount + t] + emissions[(i + 1) * tagCount + t] + beta[(i + 1) * tagCount + t]
                        : double.NegativeInfinity;
                beta[i * tagCount + p] = LogSum(terms);
            }
        }
        var marginals = new double[length * tagCount];
        for (var i = 0; i < length; i++)
        {
            for (var t = 0; t < tagCount; t++) terms[t] = alpha[i * tagCount + t] + beta[i * tagCount + t];
            var total = LogSum(terms);
            for (var t = 0; t < tagCount; t++) marginals[i * tagCount + t] = Math.Exp(terms[t] - total);
        }
        return marginals;
    }

    private static double LogSum(double[] values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
