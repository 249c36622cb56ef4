using System.Text.Json.Nodes;

namespace Laoshi.Learning.Search;

/// <summary>
/// One configuration tried on one rung: its parameter values, the held-out score of each fold, their mean (null when
/// the trial failed, with the reason in Error), the training examples it used, its rung (0 for random search) and how
/// long it took.
/// </summary>
public sealed record SearchTrial(
    int Index, JsonObject Parameters, IReadOnlyList<double> Scores, double? Score, int Examples, int Rung, double Seconds, string? Error = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["index"] = Index,
            ["params"] = Parameters.DeepClone(),
            ["scores"] = new JsonArray([.. Scores.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["score"] = Score,
            ["examples"] = Examples,
            ["rung"] = Rung,
            ["seconds"] = Math.Round(Seconds, 3),
        };
        if (Error is not null) json["error"] = Error;
        return json;
    }
}

/// <summary>What a search found: the best values (all parameters), the metric it maximised, and every trial in order.</summary>
public sealed record SearchResult(string Method, string Metric, JsonObject BestParameters, double? BestScore, IReadOnlyList<SearchTrial> Trials,
    bool BudgetSpent)
{
    public JsonArray TrialsJson() => new([.. Trials.Select(t => (JsonNode?)t.ToJson())]);
}
