using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Evaluation.Gates;

namespace Laoshi.Cli.Commands;

/// <summary>
/// The repeatable `--gate "METRIC OP NUMBER"` of every command that prints metrics (`laoshi metrics ...`, `laoshi eval`):
/// for CI pipelines, the command exits 1 when a gate fails and says which. Parse the gates before the work (a typo
/// fails at once), then let <see cref="Finish"/> print the figures and the verdicts and pick the exit code.
/// </summary>
public sealed class GateOption
{
    public Option<string[]> Option { get; } = new("--gate")
    {
        Description = "Fail (exit 1) unless METRIC OP NUMBER holds, e.g. \"f1_macro>=0.85\" or \"per_class.cat.f1>0.7\" (the --json names; OP: >=, >, <=, <, ==). Repeatable",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command) => command.Options.Add(Option);

    public IReadOnlyList<MetricGate> Parse(ParseResult result) => MetricGates.Parse(result.GetValue(Option) ?? []);

    /// <summary>
    /// Checks the gates against the metrics and prints: with <paramref name="json"/> the metrics JSON with a "gates" list
    /// added (verdicts also on stderr, so a pipeline log shows them), otherwise <paramref name="printText"/>'s text and one
    /// line per gate. Returns the exit code: 0 when every gate passed (or there were none), 1 otherwise.
    /// </summary>
    public static int Finish(IReadOnlyList<MetricGate> gates, JsonObject metrics, bool json, Action printText)
    {
        var outcomes = MetricGates.Check(gates, metrics);
        if (json)
        {
            if (outcomes.Count > 0)
            {
                metrics["gates"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)new JsonObject
                {
                    ["gate"] = o.Gate.Expression,
                    ["metric"] = o.Gate.Metric,
                    ["actual"] = o.Actual,
                    ["passed"] = o.Passed,
                })]);
            }
            Output.Json(metrics);
        }
        else printText();
        var log = json ? Console.Error : Console.Out;
        foreach (var outcome in outcomes) log.WriteLine(Verdict(outcome));
        var failed = outcomes.Count(o => !o.Passed);
        if (failed > 0) Console.Error.WriteLine($"{failed} of {outcomes.Count} gate{(outcomes.Count == 1 ? "" : "s")} failed");
        return failed > 0 ? 1 : 0;
    }

    public static string Verdict(GateOutcome outcome)
    {
        var actual = outcome.Actual is { } value ? value.ToString("0.######", CultureInfo.InvariantCulture) : "undefined";
        return $"gate {outcome.Gate}: {(outcome.Passed ? "passed" : "FAILED")} ({outcome.Gate.Metric} = {actual})";
    }
}
