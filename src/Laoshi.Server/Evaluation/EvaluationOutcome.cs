using System.Text.Json.Nodes;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>A stored evaluation and its full report (see README "Evaluation report").</summary>
public sealed record EvaluationOutcome(EvaluationInfo Info, JsonObject Report)
{
    /// <summary>
    /// The figures gates are checked against: each control's metrics under its name ("sentiment.f1_macro"), and the
    /// metrics of the first control of each task at the top level too ("f1_macro", "AP50"), as `laoshi metrics` names them.
    /// </summary>
    public JsonObject GateMetrics() => EvaluationGateMetrics.From(Report);
}
