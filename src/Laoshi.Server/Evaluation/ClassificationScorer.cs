using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Evaluation.Classification;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// A choices (or rating) control as classification: multi-label when the control allows several choices. Class scores
/// are used for ROC/PR and calibration when the model gives them for this control's labels.
/// </summary>
public sealed class ClassificationScorer(SchemaControl control) : IControlScorer
{
    /// <summary>What a single-label case predicts when the model chose nothing: a class of its own, so it counts as wrong.</summary>
    public const string NoAnswer = "(none)";

    private readonly HashSet<string> _labels = control.Labels.Select(l => l.Value).ToHashSet(StringComparer.Ordinal);
    private readonly bool _multiLabel = control.Multiple;
    private readonly List<ClassificationCase> _cases = [];
    private readonly List<long> _items = [];

    public string Control => control.Name;
    public string Task => EvaluationTasks.Classification;
    public string Headline => _multiLabel ? "f1_micro" : "f1_macro";
    public bool HigherIsBetter => true;

    public EvaluationItemResult? Add(long itemId, IReadOnlyList<Region> truth, ModelAnswer answer)
    {
        var trueLabels = ControlRegions.Labels(ControlRegions.Of(truth, Control));
        if (trueLabels.Count == 0) return null;
        var regions = ControlRegions.Of(answer.Regions, Control);
        var predicted = ControlRegions.Labels(regions);
        var scores = ScoresOf(answer);
        if (!_multiLabel && predicted.Count == 0) predicted = [NoAnswer];
        if (!_multiLabel && predicted.Count > 1 && scores is not null)
            predicted = [predicted.MaxBy(l => scores.GetValueOrDefault(l))!];
        else if (!_multiLabel && predicted.Count > 1)
            predicted = [predicted[0]];
        var itemKey = itemId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cases.Add(new ClassificationCase(itemKey, _multiLabel ? trueLabels : [trueLabels[0]], predicted, scores));
        _items.Add(itemId);
        var correct = trueLabels.SequenceEqual(predicted, StringComparer.Ordinal) || (!_multiLabel && trueLabels[0] == predicted[0]);
        var confidence = scores is not null && predicted.Count == 1 && scores.TryGetValue(predicted[0], out var p) ? p
            : regions.Select(r => r.Score).FirstOrDefault(s => s is not null) ?? answer.Score;
        return new EvaluationItemResult(itemId, Control, correct, correct ? 1 : 0, confidence, OutcomeJson.Labels(trueLabels), OutcomeJson.Labels(predicted));
    }

    private IReadOnlyDictionary<string, double>? ScoresOf(ModelAnswer answer)
    {
        if (answer.ClassScores is null) return null;
        var mine = answer.ClassScores.Where(s => _labels.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return mine.Count > 0 ? mine : null;
    }

    public JsonObject Metrics() => ClassificationMetrics.Compute(_cases, Options()).ToJson();

    public JsonObject? SliceMetrics(IReadOnlySet<long> items)
    {
        var subset = _cases.Where((_, i) => items.Contains(_items[i])).ToList();
        if (subset.Count == 0) return null;
        var all = ClassificationMetrics.Compute(subset, Options()).ToJson();
        var figures = new JsonObject();
        foreach (var name in new[] { "accuracy", "subset_accuracy", Headline })
            if (all[name] is JsonValue value && !figures.ContainsKey(name)) figures[name] = value.DeepClone();
        return figures;
    }

    private ClassificationOptions Options() => new() { MultiLabel = _multiLabel, Labels = [.. control.Labels.Select(l => l.Value)] };
}
