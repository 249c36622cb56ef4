using System.Globalization;
using System.Text.RegularExpressions;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Gates;

/// <summary>The comparison a gate makes.</summary>
public enum GateOperator
{
    AtLeast,
    Above,
    AtMost,
    Below,
    Equal,
}

/// <summary>
/// A condition on one metric for CI pipelines, e.g. "f1_macro>=0.85" or "per_class.cat.f1 > 0.7": a metric name
/// (dots walk into nested JSON objects), an operator (&gt;=, &gt;, &lt;=, &lt;, ==) and a number.
/// </summary>
public sealed partial record MetricGate(string Metric, GateOperator Operator, double Threshold, string Expression)
{
    /// <summary>== compares with this tolerance: figures printed and parsed back rarely round-trip to the last bit.</summary>
    public const double EqualTolerance = 1e-9;

    public static MetricGate Parse(string expression)
    {
        var match = Shape().Match(expression ?? "");
        if (!match.Success)
            throw new BadInputException(
                $"gate '{expression}' is not METRIC OPERATOR NUMBER (e.g. f1_macro>=0.85; operators >=, >, <=, <, ==)", field: "gate");
        if (!double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
            throw new BadInputException($"gate '{expression}': '{match.Groups["value"].Value}' is not a number", field: "gate");
        var op = match.Groups["op"].Value switch
        {
            ">=" => GateOperator.AtLeast,
            ">" => GateOperator.Above,
            "<=" => GateOperator.AtMost,
            "<" => GateOperator.Below,
            _ => GateOperator.Equal,
        };
        return new MetricGate(match.Groups["metric"].Value.Trim(), op, threshold, expression!);
    }

    public bool Passes(double actual) => Operator switch
    {
        GateOperator.AtLeast => actual >= Threshold,
        GateOperator.Above => actual > Threshold,
        GateOperator.AtMost => actual <= Threshold,
        GateOperator.Below => actual < Threshold,
        _ => Math.Abs(actual - Threshold) <= EqualTolerance * Math.Max(1, Math.Abs(Threshold)),
    };

    public string OperatorText => Operator switch
    {
        GateOperator.AtLeast => ">=",
        GateOperator.Above => ">",
        GateOperator.AtMost => "<=",
        GateOperator.Below => "<",
        _ => "==",
    };

    public override string ToString() => $"{Metric}{OperatorText}{Threshold.ToString(CultureInfo.InvariantCulture)}";

    // The metric is lazy so that a label containing '<' or '=' is still cut at the first operator.
    [GeneratedRegex(@"^\s*(?<metric>[^<>=\s](?:.*?[^<>=\s])?)\s*(?<op>>=|<=|==|>|<)\s*(?<value>\S+)\s*$")]
    private static partial Regex Shape();
}

/// <summary>One gate's verdict: the metric's value (null when it is undefined, which fails the gate).</summary>
public sealed record GateOutcome(MetricGate Gate, double? Actual, bool Passed);
