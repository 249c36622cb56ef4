using Laoshi.Core.Models;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>ResNet18 features of the image each item's field points at, read through the media source.</summary>
internal sealed class ResNet18Features(Lazy<ResNet18Featurizer> featurizer, string field, IMediaSource media) : IFeatureExtractor
{
    public string Network => ResNet18Featurizer.NetworkName;

    public async Task<IReadOnlyList<float[]>> ExtractAsync(IReadOnlyList<ModelInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var vectors = new float[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            var reference = ItemData.MediaReference(inputs[i], field);
            await using var stream = await media.OpenAsync(reference, cancellationToken);
            vectors[i] = await Task.Run(() => featurizer.Value.Featurize(stream, reference, cancellationToken), cancellationToken);
            progress?.Report((i + 1.0) / inputs.Count);
        }
        return vectors;
    }
}
