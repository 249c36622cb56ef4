using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// Scores one control of a project: turns each item's true regions and the model's regions of that control into a case
/// of its task (classification, detection, spans, transcripts), then computes the task's metrics over every case, or
/// over a subset for a slice. Each control is scored on its own, so boxes and classes in one project do not mix.
/// </summary>
public interface IControlScorer
{
    string Control { get; }
    string Task { get; }

    /// <summary>The headline figure of the task (f1_macro, AP, f1, wer) and whether higher is better.</summary>
    string Headline { get; }
    bool HigherIsBetter { get; }

    /// <summary>Adds one item; null when the item says nothing this control can be scored on (no true answer for it).</summary>
    EvaluationItemResult? Add(long itemId, IReadOnlyList<Region> truth, ModelAnswer answer);

    /// <summary>Every metric over all the items added, with the task's JSON names.</summary>
    JsonObject Metrics();

    /// <summary>The headline figures (a few numbers) of the items given, for slices; null when they cannot be computed.</summary>
    JsonObject? SliceMetrics(IReadOnlySet<long> items);
}
