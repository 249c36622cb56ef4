using Laoshi.Core.Models;

namespace Laoshi.Learning.External;

/// <summary>
/// A model with the per-class confidence thresholds its registry entry carries: a region whose label has a threshold
/// and whose score is below it is left out, so pre-labels and evaluations see what the user decided to trust.
/// </summary>
public sealed class ThresholdedModel(IItemModel inner, IReadOnlyDictionary<string, double> thresholds) : IItemModel
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

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
