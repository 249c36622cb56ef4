using Laoshi.Core.Models;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// A pretrained network that turns items into fixed-length vectors (sentence embeddings, image features). Network names
/// the network, so a saved classifier is only ever read back on top of the vectors it was fitted to.
/// </summary>
internal interface IFeatureExtractor
{
    string Network { get; }

    /// <summary>One vector per input, in order; progress gets the share of inputs done.</summary>
    Task<IReadOnlyList<float[]>> ExtractAsync(IReadOnlyList<ModelInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken);
}
