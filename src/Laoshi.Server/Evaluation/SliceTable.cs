using System.Text.Json.Nodes;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// A control's slices, worst first: per class (from the control's own per-class figures) and per metadata field, length
/// bucket and tag (the control's headline figures recomputed on the slice's items).
/// </summary>
public static class SliceTable
{
    public static JsonArray Build(IControlScorer scorer, JsonObject metrics, SliceCollector collector)
    {
        var rows = new List<(double? Figure, int Items, JsonObject Row)>();
        var perClass = (metrics["per_class"] ?? metrics["per_type"]) as JsonObject;
        var classFigure = scorer.Task switch { EvaluationTasks.Detection => "AP", _ => "f1" };
        if (perClass is not null)
            foreach (var (label, figures) in perClass)
            {
                var value = Number(figures?[classFigure]);
                var support = (int)(Number(figures?["support"]) ?? Number(figures?["truth"]) ?? Number(figures?["phrases"]) ?? 0);
                rows.Add((value, support, new JsonObject
                {
                    ["dimension"] = "class",
                    ["value"] = label,
                    ["items"] = support,
                    ["metric"] = classFigure,
                    ["figure"] = value,
                }));
            }
        foreach (var (dimension, value, items) in collector.Slices())
        {
            var figures = scorer.SliceMetrics(items);
            if (figures is null) continue;
            var headline = Number(figures[scorer.Headline]);
            rows.Add((headline, items.Count, new JsonObject
            {
                ["dimension"] = dimension,
                ["value"] = value,
                ["items"] = items.Count,
                ["metric"] = scorer.Headline,
                ["figure"] = headline,
                ["metrics"] = figures,
            }));
        }
        // Worst first: the lowest figure (the highest, for error rates); unknown figures last; bigger slices first on ties.
        var sign = scorer.HigherIsBetter ? 1 : -1;
        return new JsonArray([.. rows
            .OrderBy(r => r.Figure is null)
            .ThenBy(r => sign * (r.Figure ?? 0))
            .ThenByDescending(r => r.Items)
            .Select(r => (JsonNode)r.Row)]);
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
