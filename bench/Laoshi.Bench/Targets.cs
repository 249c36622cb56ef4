using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>The goals one measurement is held to; each figure is reported beside its goal, met or not.</summary>
public sealed class Targets
{
    private readonly JsonArray checks = [];
    private bool allMet = true;

    public Targets AtMost(string figure, double value, double limit) => Add(figure, value, $"<= {limit}", value <= limit);

    public Targets AtLeast(string figure, double value, double limit) => Add(figure, value, $">= {limit}", value >= limit);

    private Targets Add(string figure, double value, string goal, bool met)
    {
        checks.Add(new JsonObject { ["figure"] = figure, ["goal"] = goal, ["value"] = Math.Round(value, 3), ["met"] = met });
        allMet &= met;
        return this;
    }

    /// <summary>Adds "targets" (each check) and "target_met" (all of them) to a measurement's JSON.</summary>
    public void WriteTo(JsonObject result)
    {
        result["targets"] = checks.DeepClone();
        result["target_met"] = allMet;
    }
}
