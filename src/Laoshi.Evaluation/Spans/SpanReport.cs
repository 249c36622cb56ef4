using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Spans;

/// <summary>
/// Span scores as conlleval gives them: a predicted span counts only when its type and both boundaries match a true
/// one. Phrases are the true spans, found the predicted ones, correct the matches. Fractions, not percentages.
/// </summary>
public sealed record SpanReport(
    double Precision,
    double Recall,
    double F1,
    long Phrases,
    long Found,
    long Correct,
    IReadOnlyList<SpanTypeMetrics> PerType,
    long? Tokens = null,
    double? TokenAccuracy = null)
{
    internal static SpanReport From(SpanCounts overall, IEnumerable<(string Type, SpanCounts Counts)> types, long? tokens = null, long? rightTokens = null) =>
        new(overall.Precision, overall.Recall, overall.F1, overall.Phrases, overall.Found, overall.Correct,
            [.. types.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new SpanTypeMetrics(
                t.Type, t.Counts.Precision, t.Counts.Recall, t.Counts.F1, t.Counts.Phrases, t.Counts.Found, t.Counts.Correct))],
            tokens,
            tokens is > 0 && rightTokens is { } right ? (double)right / tokens.Value : null);

    public JsonObject ToJson()
    {
        var perType = new JsonObject();
        foreach (var type in PerType)
        {
            perType[type.Type] = new JsonObject
            {
                ["precision"] = type.Precision,
                ["recall"] = type.Recall,
                ["f1"] = type.F1,
                ["found"] = type.Found,
                ["phrases"] = type.Phrases,
                ["correct"] = type.Correct,
            };
        }
        var json = new JsonObject
        {
            ["precision"] = Precision,
            ["recall"] = Recall,
            ["f1"] = F1,
            ["phrases"] = Phrases,
            ["found"] = Found,
            ["correct"] = Correct,
            ["per_type"] = perType,
        };
        if (Tokens is { } tokens) json["tokens"] = tokens;
        if (TokenAccuracy is { } accuracy) json["accuracy"] = accuracy;
        return json;
    }
}

/// <summary>One span type's scores.</summary>
public sealed record SpanTypeMetrics(string Type, double Precision, double Recall, double F1, long Phrases, long Found, long Correct);

/// <summary>Counts of true, predicted and matching spans, and the scores they give (0 where undefined, as conlleval).</summary>
internal sealed class SpanCounts
{
    public long Phrases;
    public long Found;
    public long Correct;

    public double Precision => Found == 0 ? 0 : (double)Correct / Found;

    public double Recall => Phrases == 0 ? 0 : (double)Correct / Phrases;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
