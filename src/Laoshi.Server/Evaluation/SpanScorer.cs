using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Evaluation.Spans;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// A labels control on text as named-entity spans: a span counts only when its type and both boundaries match
/// (conlleval's rule), precision/recall/F1 overall and per type.
/// </summary>
public sealed class SpanScorer(SchemaControl control) : IControlScorer
{
    private readonly List<SpanCase> _cases = [];
    private readonly List<long> _items = [];

    public string Control => control.Name;
    public string Task => EvaluationTasks.Spans;
    public string Headline => "f1";
    public bool HigherIsBetter => true;

    public EvaluationItemResult? Add(long itemId, IReadOnlyList<Region> truth, ModelAnswer answer)
    {
        var trueSpans = ControlRegions.Of(truth, Control).Where(IsSpan).ToList();
        var predicted = ControlRegions.Of(answer.Regions, Control).Where(IsSpan).ToList();
        _cases.Add(new SpanCase(itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), Spans(trueSpans), Spans(predicted)));
        _items.Add(itemId);
        var (f1, correct) = ItemScore.Regions(trueSpans, predicted);
        var confidence = predicted.Count == 0 ? null : predicted.Average(s => s.Score ?? answer.Score);
        return new EvaluationItemResult(itemId, Control, correct, f1, confidence, OutcomeJson.Regions(trueSpans), OutcomeJson.Regions(predicted));
    }

    private static bool IsSpan(Region r) => r.Type == RegionTypes.Labels && r.Start is not null && r.End is not null;

    private static List<LabeledSpan> Spans(IEnumerable<Region> regions) =>
        regions.SelectMany(r => (r.Labels.Count > 0 ? r.Labels : [""]).Select(label => new LabeledSpan(label, r.Start!.Value, r.End!.Value))).ToList();

    public JsonObject Metrics() => SpanMetrics.Compute(_cases).ToJson();

    public JsonObject? SliceMetrics(IReadOnlySet<long> items)
    {
        var subset = _cases.Where((_, i) => items.Contains(_items[i])).ToList();
        if (subset.Count == 0) return null;
        var all = SpanMetrics.Compute(subset).ToJson();
        return new JsonObject { ["f1"] = all["f1"]?.DeepClone(), ["precision"] = all["precision"]?.DeepClone(), ["recall"] = all["recall"]?.DeepClone() };
    }
}
