using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>Sentence embeddings of each item's text field.</summary>
internal sealed class MiniLmFeatures(Lazy<MiniLmEncoder> encoder, string field) : IFeatureExtractor
{
    public string Network => MiniLmEncoder.NetworkName;

    public Task<IReadOnlyList<float[]>> ExtractAsync(IReadOnlyList<ModelInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var texts = inputs.Select(input => input.Data[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new BadInputException($"item {input.ItemId} has no '{field}' text to embed", path: $"data.{field}", field: field)).ToList();
        return Task.Run<IReadOnlyList<float[]>>(() => encoder.Value.Encode(texts, progress, cancellationToken), cancellationToken);
    }
}
