using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.External;

/// <summary>
/// A model with the per-class confidence thresholds its registry entry carries: a region whose label has a threshold
/// and whose score is below it is left out, so pre-labels and evaluations see what the user decided to trust.
/// Embeddings pass through untouched (thresholds judge answers, not the space items lie in), so a trained model with
/// thresholds still serves the diversity order.
/// </summary>
public sealed class ThresholdedModel(IItemModel inner, IReadOnlyDictionary<string, double> thresholds) : IItemModel, IEmbeddingModel
{
    public string Version => inner.Version;

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var answers = await inner.PredictAsync(inputs, cancellationToken);
        if (thresholds.Count == 0) return answers;
        return [.. answers.Select(a => a with { Regions = [.. a.Regions.Where(Passes)] })];
    }

    private bool Passes(Laoshi.Core.Regions.Region region) =>
        region.Score is not { } score || region.Labels.All(l => !thresholds.TryGetValue(l, out var t) || score >= t);

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
        inner is IEmbeddingModel embedder
            ? embedder.EmbedAsync(inputs, cancellationToken)
            : throw new BadInputException($"the model {inner.Version} gives no embeddings", field: "model");

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
