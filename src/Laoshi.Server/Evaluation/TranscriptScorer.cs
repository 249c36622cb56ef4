using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Evaluation.Transcripts;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// A textarea control as transcripts: WER and CER over every item (Chinese scored by character), with substitutions,
/// deletions and insertions. An item is right when its transcript is word for word the truth.
/// </summary>
public sealed class TranscriptScorer(SchemaControl control) : IControlScorer
{
    private readonly List<TranscriptCase> _cases = [];
    private readonly List<long> _items = [];

    public string Control => control.Name;
    public string Task => EvaluationTasks.Transcripts;
    public string Headline => "wer";
    public bool HigherIsBetter => false;

    public EvaluationItemResult? Add(long itemId, IReadOnlyList<Region> truth, ModelAnswer answer)
    {
        var trueRegions = ControlRegions.Of(truth, Control);
        if (trueRegions.Count == 0) return null;
        var reference = ControlRegions.Text(trueRegions);
        var predictedRegions = ControlRegions.Of(answer.Regions, Control);
        var hypothesis = ControlRegions.Text(predictedRegions);
        var @case = new TranscriptCase(itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), reference, hypothesis);
        _cases.Add(@case);
        _items.Add(itemId);
        var own = ErrorRates.Score(@case, ErrorUnit.Word);
        var correct = own.Errors == 0;
        var confidence = predictedRegions.Select(r => r.Score).FirstOrDefault(s => s is not null) ?? answer.Score;
        return new EvaluationItemResult(itemId, Control, correct, Math.Max(0, 1 - own.Rate), confidence, OutcomeJson.Text(reference), OutcomeJson.Text(hypothesis));
    }

    public JsonObject Metrics() => ErrorRates.Compute(_cases, ErrorUnit.Word).ToJson();

    public JsonObject? SliceMetrics(IReadOnlySet<long> items)
    {
        var subset = _cases.Where((_, i) => items.Contains(_items[i])).ToList();
        if (subset.Count == 0) return null;
        var all = ErrorRates.Compute(subset, ErrorUnit.Word).ToJson();
        return new JsonObject { ["wer"] = all["wer"]?.DeepClone(), ["cer"] = all["cer"]?.DeepClone() };
    }
}
