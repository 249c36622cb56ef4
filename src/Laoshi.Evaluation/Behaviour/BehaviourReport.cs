using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Behaviour;

/// <summary>
/// One failing case, as a person reads it: the text (and its perturbed form for INV/DIR), what was expected, what the
/// model said (before and after), and for DIR the watched class's score before and after.
/// </summary>
public sealed record BehaviourExample(string Text, string? Perturbed, string? Expected, string? Predicted, string? PredictedAfter,
    double? ScoreBefore = null, double? ScoreAfter = null);

/// <summary>One test's outcome. A case is one base text; an INV/DIR case fails when any of its variants fails.</summary>
public sealed record BehaviourTestResult(string Name, BehaviourTestKind Kind, int Cases, int Failed, IReadOnlyList<BehaviourExample> Examples)
{
    public double FailureRate => Cases == 0 ? 0 : (double)Failed / Cases;
}

/// <summary>The outcome of a suite against one model.</summary>
public sealed record BehaviourReport(string Suite, string ModelVersion, IReadOnlyList<BehaviourTestResult> Tests)
{
    public int Cases => Tests.Sum(t => t.Cases);
    public int Failed => Tests.Sum(t => t.Failed);
    public double FailureRate => Cases == 0 ? 0 : (double)Failed / Cases;

    /// <summary>
    /// suite, model, cases, failed, failure_rate, and tests: {NAME: {type, cases, failed, failure_rate, examples: [...]}} —
    /// keyed by name so that a gate can say tests.NAME.failure_rate&lt;=0.05.
    /// </summary>
    public JsonObject ToJson()
    {
        var tests = new JsonObject();
        foreach (var test in Tests)
        {
            tests[test.Name] = new JsonObject
            {
                ["type"] = test.Kind.ToString().ToLowerInvariant(),
                ["cases"] = test.Cases,
                ["failed"] = test.Failed,
                ["failure_rate"] = test.FailureRate,
                ["examples"] = new JsonArray([.. test.Examples.Select(e => (JsonNode?)new JsonObject
                {
                    ["text"] = e.Text,
                    ["perturbed"] = e.Perturbed,
                    ["expected"] = e.Expected,
                    ["predicted"] = e.Predicted,
                    ["predicted_after"] = e.PredictedAfter,
                    ["score_before"] = e.ScoreBefore,
                    ["score_after"] = e.ScoreAfter,
                })]),
            };
        }
        return new JsonObject
        {
            ["suite"] = Suite,
            ["model"] = ModelVersion,
            ["cases"] = Cases,
            ["failed"] = Failed,
            ["failure_rate"] = FailureRate,
            ["tests"] = tests,
        };
    }

    /// <summary>A plain-text summary: one line per test with its failure rate, then its failing examples.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"suite {Suite} against model {ModelVersion}: {Failed:N0} of {Cases:N0} cases failed ({Percent(FailureRate)})");
        foreach (var test in Tests)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{test.Kind.ToString().ToUpperInvariant()}] {test.Name}: {test.Failed:N0} of {test.Cases:N0} failed ({Percent(test.FailureRate)})");
            foreach (var e in test.Examples)
            {
                var line = test.Kind switch
                {
                    BehaviourTestKind.Mft => $"    \"{e.Text}\": expected {e.Expected}, got {e.Predicted ?? "nothing"}",
                    BehaviourTestKind.Inv => $"    \"{e.Text}\" → {e.Predicted ?? "nothing"}; \"{e.Perturbed}\" → {e.PredictedAfter ?? "nothing"}",
                    _ => $"    \"{e.Text}\" {Score(e.ScoreBefore)} → \"{e.Perturbed}\" {Score(e.ScoreAfter)} (expected {e.Expected})",
                };
                text.AppendLine(line);
            }
        }
        return text.ToString();
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Score(double? score) => score?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
