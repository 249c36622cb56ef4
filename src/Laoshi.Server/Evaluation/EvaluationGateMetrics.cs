using System.Text.Json.Nodes;

namespace Laoshi.Server.Evaluation;

/// <summary>Flattens a report's per-control metrics into the one object gate expressions are read from.</summary>
public static class EvaluationGateMetrics
{
    public static JsonObject From(JsonObject report)
    {
        var gates = new JsonObject();
        if (report["controls"] is not JsonObject controls) return gates;
        foreach (var (_, control) in controls)
            if (control?["metrics"] is JsonObject metrics)
                foreach (var (name, value) in metrics)
                    if (!gates.ContainsKey(name)) gates[name] = value?.DeepClone();
        foreach (var (name, control) in controls)
            if (control?["metrics"] is JsonObject metrics && !gates.ContainsKey(name))
                gates[name] = metrics.DeepClone();
        return gates;
    }
}
