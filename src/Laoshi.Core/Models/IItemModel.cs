using Laoshi.Core.Regions;
using System.Text.Json.Nodes;

namespace Laoshi.Core.Models;

/// <summary>
/// Anything that answers items the way an annotator would: an uploaded ONNX file, an HTTP model backend,
/// a trained Laoshi model, or predictions imported earlier. Evaluation, behaviour tests, latency tests
/// and pre-labelling all talk to a model through this one shape.
/// </summary>
public interface IItemModel : IAsyncDisposable
{
    /// <summary>The model version its answers are recorded under (predictions' model_version).</summary>
    string Version { get; }

    /// <summary>Answers a batch of items; one answer per input, in the same order.</summary>
    Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken);
}

/// <summary>One item as a model sees it: its id and its data fields (text, or a media reference) as stored.</summary>
public sealed record ModelInput(string ItemId, JsonObject Data);

/// <summary>
/// A model's answer for one item, in the same region shape annotations use. <see cref="ClassScores"/> holds the
/// probability of every class when the model gives them (keyed by label value), for ROC/PR curves, calibration,
/// active learning and directional behaviour tests.
/// </summary>
public sealed record ModelAnswer(string ItemId, IReadOnlyList<Region> Regions, double? Score = null,
    IReadOnlyDictionary<string, double>? ClassScores = null);
