using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Evaluation.Classification;
using Laoshi.Evaluation.Comparisons;
using Laoshi.Evaluation.Spans;
using Laoshi.Evaluation.Transcripts;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// Compares two evaluations on the same test snapshot, control by control: the change of every figure, a paired
/// bootstrap 95% interval of the headline figure's change (recomputed from the stored item outcomes), McNemar's test
/// for classifiers, and the items that flipped, right→wrong first.
/// </summary>
public sealed class EvaluationComparer(LaoshiStore store)
{
    /// <summary>Flipped items listed per control (the counts cover all of them).</summary>
    public const int MaxFlipsListed = 500;

    public async Task<JsonObject> CompareAsync(string project, long baselineId, long candidateId, CancellationToken ct)
    {
        var info = await store.Projects.ResolveAsync(project, ct);
        var baseline = await store.Evaluations.GetAsync(info.Id, baselineId, ct);
        var candidate = await store.Evaluations.GetAsync(info.Id, candidateId, ct);
        if (baseline.SnapshotId != candidate.SnapshotId)
            throw new BadInputException(
                $"evaluation {baselineId} is on snapshot {baseline.SnapshotName} v{baseline.SnapshotVersion} and evaluation {candidateId} on " +
                $"{candidate.SnapshotName} v{candidate.SnapshotVersion}: only evaluations on the same test snapshot can be compared", field: "candidate");
        var baseReport = Parse(await store.Evaluations.ReportAsync(info.Id, baselineId, ct));
        var candidateReport = Parse(await store.Evaluations.ReportAsync(info.Id, candidateId, ct));
        var baseItems = await OutcomesAsync(info.Id, baselineId, ct);
        var candidateItems = await OutcomesAsync(info.Id, candidateId, ct);

        var controls = new JsonObject();
        if (baseReport["controls"] is JsonObject baseControls && candidateReport["controls"] is JsonObject candidateControls)
            foreach (var (name, baseControl) in baseControls)
            {
                if (candidateControls[name] is not JsonObject candidateControl || baseControl is not JsonObject) continue;
                controls[name] = CompareControl(name, (JsonObject)baseControl, candidateControl,
                    baseItems.GetValueOrDefault(name) ?? [], candidateItems.GetValueOrDefault(name) ?? []);
            }
        return new JsonObject
        {
            ["baseline"] = Describe(baseline),
            ["candidate"] = Describe(candidate),
            ["snapshot"] = new JsonObject { ["name"] = baseline.SnapshotName, ["version"] = baseline.SnapshotVersion },
            ["controls"] = controls,
        };
    }

    private static JsonObject CompareControl(string name, JsonObject baseControl, JsonObject candidateControl,
        Dictionary<long, EvaluationItemResult> baseItems, Dictionary<long, EvaluationItemResult> candidateItems)
    {
        var task = baseControl["task"]?.GetValue<string>() ?? "";
        var headline = baseControl["headline"]?.GetValue<string>() ?? "";
        var paired = baseItems.Keys.Where(candidateItems.ContainsKey).Order().ToList();
        var a = paired.Select(id => baseItems[id]).ToList();
        var b = paired.Select(id => candidateItems[id]).ToList();

        var deltas = new JsonObject();
        if (baseControl["metrics"] is JsonObject baseMetrics && candidateControl["metrics"] is JsonObject candidateMetrics)
            foreach (var (metric, value) in baseMetrics)
                if (Number(value) is { } before && Number(candidateMetrics[metric]) is { } after)
                    deltas[metric] = new JsonObject { ["baseline"] = before, ["candidate"] = after, ["delta"] = after - before };

        var result = new JsonObject
        {
            ["task"] = task,
            ["headline"] = headline,
            ["items"] = paired.Count,
            ["metrics"] = deltas,
        };
        if (paired.Count > 0)
        {
            var (metricName, interval) = Bootstrap(task, headline, a, b);
            result["bootstrap"] = new JsonObject
            {
                ["metric"] = metricName,
                ["baseline"] = interval.Baseline,
                ["candidate"] = interval.Candidate,
                ["delta"] = interval.Delta,
                ["lower"] = interval.Lower,
                ["upper"] = interval.Upper,
                ["confidence"] = interval.Confidence,
                ["resamples"] = interval.Resamples,
                ["significant"] = interval.Significant,
            };
        }
        var outcomes = paired.Select((id, i) => new PairedOutcome(id.ToString(CultureInfo.InvariantCulture), a[i].Correct, b[i].Correct)).ToList();
        if (task == EvaluationTasks.Classification)
        {
            var test = McNemar.Test(outcomes);
            result["mcnemar"] = new JsonObject
            {
                ["b"] = test.B, ["c"] = test.C, ["statistic"] = test.Statistic, ["p_value"] = test.PValue, ["exact"] = test.Exact,
            };
        }
        var flips = Flips.Find(outcomes);
        var listed = new JsonArray();
        foreach (var flip in flips.Take(MaxFlipsListed))
        {
            var id = long.Parse(flip.Item, CultureInfo.InvariantCulture);
            listed.Add(new JsonObject
            {
                ["item"] = id,
                ["direction"] = flip.Direction == FlipDirection.RightToWrong ? "right_to_wrong" : "wrong_to_right",
                ["truth"] = JsonNode.Parse(baseItems[id].Truth),
                ["baseline"] = JsonNode.Parse(baseItems[id].Predicted),
                ["candidate"] = JsonNode.Parse(candidateItems[id].Predicted),
            });
        }
        result["flips"] = new JsonObject
        {
            ["right_to_wrong"] = flips.Count(f => f.Direction == FlipDirection.RightToWrong),
            ["wrong_to_right"] = flips.Count(f => f.Direction == FlipDirection.WrongToRight),
            ["items"] = listed,
        };
        return result;
    }

    /// <summary>
    /// The headline figure recomputed on resampled items where the stored outcomes allow it (classes, spans, transcripts);
    /// boxes fall back to the mean per-item F1, since COCO AP needs every box.
    /// </summary>
    private static (string Metric, BootstrapInterval Interval) Bootstrap(string task, string headline,
        List<EvaluationItemResult> a, List<EvaluationItemResult> b)
    {
        switch (task)
        {
            case EvaluationTasks.Classification:
                var multi = a.Any(r => Labels(r.Truth).Count > 1 || Labels(r.Predicted).Count > 1);
                var options = new ClassificationOptions { MultiLabel = multi };
                return (headline, PairedBootstrap.Delta(a.Select(ClassCase).ToList(), b.Select(ClassCase).ToList(),
                    cases => Number(ClassificationMetrics.Compute(cases, options).ToJson()[headline]) ?? 0));
            case EvaluationTasks.Spans:
                return ("f1", PairedBootstrap.Delta(a.Select(SpanCaseOf).ToList(), b.Select(SpanCaseOf).ToList(), cases => SpanMetrics.Compute(cases).F1));
            case EvaluationTasks.Transcripts:
                return ("wer", PairedBootstrap.Delta(a.Select(TranscriptCaseOf).ToList(), b.Select(TranscriptCaseOf).ToList(),
                    cases => ErrorRates.Compute(cases).Wer));
            default:
                return ("mean_item_f1", PairedBootstrap.Delta(a, b, rows => rows.Average(r => r.Score)));
        }
    }

    private static ClassificationCase ClassCase(EvaluationItemResult r) =>
        new(r.ItemId.ToString(CultureInfo.InvariantCulture), Labels(r.Truth), Labels(r.Predicted));

    private static List<string> Labels(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static SpanCase SpanCaseOf(EvaluationItemResult r) =>
        new(r.ItemId.ToString(CultureInfo.InvariantCulture), Spans(r.Truth), Spans(r.Predicted));

    private static List<LabeledSpan> Spans(string json) =>
        (JsonNode.Parse(json) as JsonArray ?? []).OfType<JsonArray>()
            .Select(s => new LabeledSpan(s[0]?.GetValue<string>() ?? "", s[1]?.GetValue<int>() ?? 0, s[2]?.GetValue<int>() ?? 0)).ToList();

    private static TranscriptCase TranscriptCaseOf(EvaluationItemResult r) =>
        new(r.ItemId.ToString(CultureInfo.InvariantCulture), JsonSerializer.Deserialize<string>(r.Truth) ?? "", JsonSerializer.Deserialize<string>(r.Predicted) ?? "");

    private async Task<Dictionary<string, Dictionary<long, EvaluationItemResult>>> OutcomesAsync(long projectId, long evaluationId, CancellationToken ct)
    {
        var byControl = new Dictionary<string, Dictionary<long, EvaluationItemResult>>(StringComparer.Ordinal);
        await foreach (var row in store.Evaluations.StreamItemsAsync(projectId, evaluationId, ct))
        {
            if (!byControl.TryGetValue(row.Control, out var items)) byControl[row.Control] = items = [];
            items[row.ItemId] = row;
        }
        return byControl;
    }

    private static JsonObject Describe(EvaluationInfo e) => new()
    {
        ["id"] = e.Id,
        ["model"] = e.Model,
        ["model_version"] = e.ModelVersion,
        ["created_at"] = e.CreatedAt,
        ["summary"] = JsonNode.Parse(e.Summary),
    };

    private static JsonObject Parse(string text) => JsonNode.Parse(text) as JsonObject ?? [];

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
