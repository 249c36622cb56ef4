namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// Fits a <see cref="LinearClassifier"/>: softmax regression (single-label) or one logistic regression per class
/// (multi-label), L2-penalised, by mini-batch Adam over seeded shuffles, so the same seed gives the same weights.
/// Features are standardised first because network outputs differ widely in scale per dimension (ResNet's pooled
/// activations) and a shared step size needs comparable dimensions.
/// </summary>
public static class LinearClassifierFitter
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    /// <param name="labels">Each example's class indices (exactly one for single-label).</param>
    /// <param name="progress">Called with the share of passes done (0..1).</param>
    public static LinearClassifier Fit(
        IReadOnlyList<float[]> features, IReadOnlyList<IReadOnlyList<int>> labels, IReadOnlyList<string> classes, bool multiLabel,
        LinearClassifierOptions options, int seed, Action<double>? progress, CancellationToken cancellationToken)
    {
        if (features.Count == 0) throw new ArgumentException("there are no examples to learn from", nameof(features));
        if (features.Count != labels.Count) throw new ArgumentException("every example needs its labels", nameof(labels));
        var dimension = features[0].Length;
        var k = classes.Count;
        var (mean, scale) = Standardisation(features, dimension);
        var classifier = new LinearClassifier(classes, multiLabel, mean, scale,
            [.. Enumerable.Range(0, k).Select(_ => new float[dimension])], new float[k]);

        var x = features.Select(f =>
        {
            var row = new float[dimension];
            classifier.Standardise(f, row);
            return row;
        }).ToArray();
        var targets = labels.Select(l =>
        {
            var row = new double[k];
            foreach (var c in l) row[c] = 1;
            return row;
        }).ToArray();

        var mW = new double[k, dimension];
        var vW = new double[k, dimension];
        var mB = new double[k];
        var vB = new double[k];
        var gradW = new double[k, dimension];
        var gradB = new double[k];
        var scores = new double[k];
        var order = Enumerable.Range(0, x.Length).ToArray();
        var random = new Random(seed);
        var step = 0;
        var batchSize = Math.Max(1, options.BatchSize);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += batchSize)
            {
                var end = Math.Min(order.Length, start + batchSize);
                Array.Clear(gradW);
                Array.Clear(gradB);
                for (var i = start; i < end; i++)
                {
                    var row = x[order[i]];
                    classifier.Scores(row, scores);
                    var p = multiLabel ? LinearClassifier.Sigmoids(scores) : LinearClassifier.Softmax(scores);
                    var target = targets[order[i]];
                    for (var c = 0; c < k; c++)
                    {
                        // Both losses (cross-entropy over a softmax, and per-class log loss over sigmoids) have this gradient.
                        var error = p[c] - target[c];
                        gradB[c] += error;
                        for (var j = 0; j < dimension; j++) gradW[c, j] += error * row[j];
                    }
                }
                var count = end - start;
                step++;
                var correction1 = 1 - Math.Pow(Beta1, step);
                var correction2 = 1 - Math.Pow(Beta2, step);
                for (var c = 0; c < k; c++)
                {
                    var w = classifier.Weights[c];
                    for (var j = 0; j < dimension; j++)
                    {
                        var g = gradW[c, j] / count + options.L2 * w[j];
                        mW[c, j] = Beta1 * mW[c, j] + (1 - Beta1) * g;
                        vW[c, j] = Beta2 * vW[c, j] + (1 - Beta2) * g * g;
                        w[j] -= (float)(options.LearningRate * (mW[c, j] / correction1) / (Math.Sqrt(vW[c, j] / correction2) + Epsilon));
                    }
                    var gb = gradB[c] / count;
                    mB[c] = Beta1 * mB[c] + (1 - Beta1) * gb;
                    vB[c] = Beta2 * vB[c] + (1 - Beta2) * gb * gb;
                    classifier.Bias[c] -= (float)(options.LearningRate * (mB[c] / correction1) / (Math.Sqrt(vB[c] / correction2) + Epsilon));
                }
            }
            progress?.Invoke((epoch + 1.0) / options.Epochs);
        }
        return classifier;
    }

    private static (float[] Mean, float[] Scale) Standardisation(IReadOnlyList<float[]> features, int dimension)
    {
        var mean = new double[dimension];
        var squares = new double[dimension];
        foreach (var f in features)
        {
            if (f.Length != dimension) throw new ArgumentException($"feature vectors differ in length ({f.Length} and {dimension})", nameof(features));
            for (var j = 0; j < dimension; j++)
            {
                mean[j] += f[j];
                squares[j] += (double)f[j] * f[j];
            }
        }
        var n = features.Count;
        var scale = new float[dimension];
        for (var j = 0; j < dimension; j++)
        {
            mean[j] /= n;
            var variance = Math.Max(0, squares[j] / n - mean[j] * mean[j]);
            // A dimension that never varies in training carries no information; scale 0 keeps it out.
            scale[j] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }
        return ([.. mean.Select(m => (float)m)], scale);
    }
}
