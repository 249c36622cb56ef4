namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// A fitted linear classifier over feature vectors: features are standardised (Mean, Scale per dimension, learnt on
/// the training set), then each class gets a score w·x + b. Single-label classifiers turn the scores into one
/// probability distribution (softmax); multi-label ones give each class its own probability (sigmoid).
/// </summary>
public sealed record LinearClassifier(
    IReadOnlyList<string> Classes, bool MultiLabel, float[] Mean, float[] Scale, float[][] Weights, float[] Bias)
{
    public int Dimension => Mean.Length;

    /// <summary>Every class's probability for one feature vector.</summary>
    public double[] Probabilities(ReadOnlySpan<float> features)
    {
        if (features.Length != Dimension)
            throw new ArgumentException($"the classifier takes {Dimension} features, not {features.Length}", nameof(features));
        var standardised = new float[Dimension];
        Standardise(features, standardised);
        var scores = new double[Classes.Count];
        Scores(standardised, scores);
        return MultiLabel ? Sigmoids(scores) : Softmax(scores);
    }

    internal void Standardise(ReadOnlySpan<float> features, Span<float> destination)
    {
        for (var j = 0; j < features.Length; j++) destination[j] = (features[j] - Mean[j]) * Scale[j];
    }

    internal void Scores(ReadOnlySpan<float> standardised, Span<double> destination)
    {
        for (var c = 0; c < Weights.Length; c++)
        {
            double sum = Bias[c];
            var w = Weights[c];
            for (var j = 0; j < standardised.Length; j++) sum += w[j] * standardised[j];
            destination[c] = sum;
        }
    }

    internal static double[] Softmax(double[] scores)
    {
        var max = scores.Max();
        var result = new double[scores.Length];
        double total = 0;
        for (var c = 0; c < scores.Length; c++) total += result[c] = Math.Exp(scores[c] - max);
        for (var c = 0; c < scores.Length; c++) result[c] /= total;
        return result;
    }

    internal static double[] Sigmoids(double[] scores) => [.. scores.Select(Sigmoid)];

    internal static double Sigmoid(double score) => score >= 0 ? 1 / (1 + Math.Exp(-score)) : Math.Exp(score) / (1 + Math.Exp(score));
}
