using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// One evaluation as a self-contained HTML page: its figures per control, the confusion heat map, PR curves, the
/// reliability diagram, per-slice bars worst first, and the failing items. No script, no external file.
/// </summary>
public static class EvaluationHtmlReport
{
    /// <summary>Slices and failing items shown per control (the JSON report has them all).</summary>
    public const int MaxRows = 25;

    public static string Write(EvaluationInfo info, JsonObject report, IReadOnlyList<EvaluationItemResult> failing)
    {
        var html = new StringBuilder();
        var title = $"Evaluation {info.Id}: {info.Model} on {info.SnapshotName} v{info.SnapshotVersion}";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#111827;max-width:1100px}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}")
            .Append("table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #e5e7eb;padding:.2rem .5rem;text-align:left;font-size:.85rem;vertical-align:top}")
            .Append("th{background:#f9fafb}.figures{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.muted{color:#6b7280}code{font-size:.8rem}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1><p class=\"muted\">");
        html.Append(E($"project {report["project"]}, model version {info.ModelVersion}, {info.ItemCount:N0} items, by {info.CreatedBy} at {info.CreatedAt:yyyy-MM-dd HH:mm} UTC, {info.DurationMs / 1000:F1} s"));
        if (Count(report["items_without_truth"]) is > 0 and var missing) html.Append(E($"; {missing} items had no answer to test against"));
        if (Count(report["items_with_several_answers"]) is > 0 and var several) html.Append(E($"; {several} items had several answers (the first was used)"));
        html.Append("</p>");

        if (report["controls"] is JsonObject controls)
            foreach (var (name, node) in controls)
                if (node is JsonObject control) Control(html, name, control, failing.Where(f => f.Control == name).Take(MaxRows).ToList());
        if (report["skipped_controls"] is JsonObject skipped && skipped.Count > 0)
        {
            html.Append("<h2>Controls not scored</h2><ul>");
            foreach (var (name, reason) in skipped) html.Append("<li>").Append(E($"{name}: {reason}")).Append("</li>");
            html.Append("</ul>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static void Control(StringBuilder html, string name, JsonObject control, IReadOnlyList<EvaluationItemResult> failing)
    {
        var task = control["task"]?.GetValue<string>() ?? "";
        var metrics = control["metrics"] as JsonObject ?? [];
        html.Append("<h2>").Append(E($"{name} ({task})")).Append("</h2>");
        html.Append("<p>").Append(E($"{Count(control["items"])} items, {Count(control["wrong"])} wrong")).Append("</p>");
        html.Append("<table><tr>");
        var scalars = metrics.Where(m => m.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList();
        foreach (var (metric, _) in scalars) html.Append("<th>").Append(E(metric)).Append("</th>");
        html.Append("</tr><tr>");
        foreach (var (_, value) in scalars) html.Append("<td>").Append(E(Format(value!.GetValue<double>()))).Append("</td>");
        html.Append("</tr></table><div class=\"figures\">");

        if (metrics["confusion"] is JsonObject confusion && confusion["labels"] is JsonArray labels && labels.Count is > 0 and <= 40
            && confusion["matrix"] is JsonArray matrix)
            html.Append(SvgCharts.ConfusionHeatMap(labels.Select(l => l!.GetValue<string>()).ToList(),
                matrix.Select(row => ((JsonArray)row!).Select(c => c!.GetValue<long>()).ToArray()).ToList()));
        if (metrics["curves"] is JsonObject curves && curves.Count > 0)
            html.Append(SvgCharts.Curves("precision-recall curves", "recall", "precision", curves
                .Select(c => (c.Key, (IReadOnlyList<(double, double)>)((c.Value?["pr"] as JsonArray) ?? [])
                    .Select(p => (Number(p?["recall"]), Number(p?["precision"]))).ToList())).ToList()));
        if (metrics["reliability"] is JsonArray bins && bins.Count > 0)
            html.Append(SvgCharts.Reliability(bins.Select(b => (Number(b?["lower"]), Number(b?["upper"]), Count(b?["count"]),
                b?["accuracy"] is JsonValue a ? a.GetValue<double>() : (double?)null)).ToList()));
        if (task == EvaluationTasks.Detection && metrics["recall_thresholds"] is JsonArray recalls && metrics["per_class"] is JsonObject classes)
        {
            var points = recalls.Select(r => Number(r)).ToList();
            html.Append(SvgCharts.Curves("precision-recall at IoU 0.5", "recall", "precision", classes
                .Where(c => c.Value?["pr_curve_50"] is JsonArray)
                .Select(c => (c.Key, (IReadOnlyList<(double, double)>)((JsonArray)c.Value!["pr_curve_50"]!)
                    .Select((p, i) => (points[i], Math.Max(0, Number(p)))).ToList())).ToList()));
        }
        html.Append("</div>");

        if (control["slices"] is JsonArray slices && slices.Count > 0)
        {
            html.Append("<h3>Slices, worst first</h3>");
            var rows = slices.Take(MaxRows).OfType<JsonObject>()
                .Where(s => s["figure"] is JsonValue)
                .Select(s => ($"{s["dimension"]}={s["value"]}", Number(s["figure"]), $"{s["metric"]}, {Count(s["items"])} items")).ToList();
            html.Append(SvgCharts.Bars("slices", rows));
        }

        if (failing.Count > 0)
        {
            html.Append("<h3>Failing items</h3><table><tr><th>item</th><th>truth</th><th>model</th><th>item score</th><th>confidence</th></tr>");
            foreach (var f in failing)
                html.Append("<tr><td>").Append(f.ItemId).Append("</td><td><code>").Append(E(f.Truth)).Append("</code></td><td><code>").Append(E(f.Predicted))
                    .Append("</code></td><td>").Append(E(Format(f.Score))).Append("</td><td>").Append(f.Confidence is { } c ? E(Format(c)) : "").Append("</td></tr>");
            html.Append("</table>");
        }
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;

    private static long Count(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static string E(string text) => SvgCharts.Escape(text);
}
