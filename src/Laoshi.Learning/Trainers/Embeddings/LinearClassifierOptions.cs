namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// How the linear classifier on top of a pretrained network learns: passes over the data, Adam's step size, the L2
/// penalty on the weights, and (multi-label only) the probability from which a class is given.
/// </summary>
public sealed record LinearClassifierOptions(int Epochs = 20, double LearningRate = 0.003, double L2 = 0.01, double Threshold = 0.5)
{
    /// <summary>The most examples per gradient step; sets under 8 × this take smaller batches.</summary>
    public int BatchSize { get; init; } = 32;
}
