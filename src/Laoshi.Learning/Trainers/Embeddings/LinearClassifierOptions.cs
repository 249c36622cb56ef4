namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// How the linear classifier on top of a pretrained network learns: passes over the data, Adam's step size, the L2
/// penalty on the weights, and (multi-label only) the probability from which a class is given.
/// </summary>
public sealed record LinearClassifierOptions(int Epochs = 40, double LearningRate = 0.01, double L2 = 1e-3, double Threshold = 0.5)
{
    /// <summary>Examples per gradient step; small sets still take several steps per pass.</summary>
    public int BatchSize { get; init; } = 32;
}
