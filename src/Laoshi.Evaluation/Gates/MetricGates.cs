using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Gates;

/// <summary>Checks gates against a metrics JSON object (what a `--json` run prints).</summary>
public static class MetricGates
{
    /// <summary>Parses every expression first, so one typo is reported before anything is computed.</summary>
    public static IReadOnlyList<MetricGate> Parse(IEnumerable<string> expressions) => [.. expressions.Select(MetricGate.Parse)];

    /// <summary>
    /// The outcome of every gate, in order. A metric name that is not in <paramref name="metrics"/> is a mistake in the
    /// gate, not a failure of the model: it throws, listing the names that exist.
    /// </summary>
    public static IReadOnlyList<GateOutcome> Check(IEnumerable<MetricGate> gates, JsonObject metrics)
    {
        var outcomes = new List<GateOutcome>();
        foreach (var gate in gates)
        {
            if (!TryFind(metrics, gate.Metric, out var node))
                throw new BadInputException(
                    $"gate '{gate.Expression}': no metric '{gate.Metric}'; known: {string.Join(", ", Names(metrics).Take(60))}{(Names(metrics).Count() > 60 ? ", ..." : "")}",
                    field: "gate");
            var actual = Number(node);
            if (node is not null && actual is null && node.GetValueKind() is not JsonValueKind.Null)
                throw new BadInputException($"gate '{gate.Expression}': '{gate.Metric}' is not a number", field: "gate");
            outcomes.Add(new GateOutcome(gate, actual, actual is { } value && gate.Passes(value)));
        }
        return outcomes;
    }

    /// <summary>Every numeric metric by its dotted name (what a gate may name).</summary>
    public static IEnumerable<string> Names(JsonObject metrics, string prefix = "")
    {
        foreach (var (key, value) in metrics)
        {
            var name = prefix + key;
            if (value is JsonObject inner)
                foreach (var nested in Names(inner, name + ".")) yield return nested;
            else if (value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.Null) yield return name;
        }
    }

    /// <summary>
    /// Walks a dotted name. Keys may themselves contain dots (a label "v1.2"), so every key that the rest of the name
    /// starts with is tried; an exact key spelling wins over one that differs only in case.
    /// </summary>
    private static bool TryFind(JsonObject json, string name, out JsonNode? found)
    {
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            foreach (var (key, value) in json)
            {
                if (string.Equals(name, key, comparison) && value is not JsonObject)
                {
                    found = value;
                    return true;
                }
                if (value is JsonObject inner && name.Length > key.Length + 1 && name[key.Length] == '.'
                    && name.StartsWith(key, comparison) && TryFind(inner, name[(key.Length + 1)..], out found))
                    return true;
            }
        }
        found = null;
        return false;
    }

    private static double? Number(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
        : null;
}
