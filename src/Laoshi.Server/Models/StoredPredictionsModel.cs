using System.Globalization;
using Laoshi.Core.Models;
using Laoshi.Storage;

namespace Laoshi.Server.Models;

/// <summary>
/// Predictions already stored in a project (imported, or written by an earlier pre-labelling run) answering as a model:
/// `predictions:VERSION` evaluates them exactly like a live model. An item without a prediction of that version gets an
/// empty answer, which counts as "the model said nothing".
/// </summary>
public sealed class StoredPredictionsModel(LaoshiStore store, long projectId, string version) : IItemModel
{
    public const string Prefix = "predictions:";

    public string Version { get; } = version;

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var ids = inputs.Select(i => long.TryParse(i.ItemId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        var found = await store.Evaluations.PredictionsAsync(projectId, Version, ids.Where(id => id >= 0).ToList(), cancellationToken);
        return inputs.Select((input, i) => found.TryGetValue(ids[i], out var prediction)
                ? new ModelAnswer(input.ItemId, prediction.Result, prediction.Score, PredictionClassScores.From(prediction.Result))
                : new ModelAnswer(input.ItemId, []))
            .ToList();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
