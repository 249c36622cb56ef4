using System.Globalization;
using System.Text.Json.Nodes;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// The public JSON of a label-error search: {"suspects": [{"id", "given", "suggested", "score"}, ...]} most likely error
/// first, plus the classes, their thresholds and the confident joint for whoever wants to see why.
/// </summary>
public static class LabelErrorJson
{
    public static JsonObject Write(LabelErrorReport report)
    {
        var thresholds = new JsonObject();
        for (var c = 0; c < report.Classes.Count; c++)
            thresholds[report.Classes[c]] = double.IsNaN(report.Thresholds[c]) ? null : Math.Round(report.Thresholds[c], 6);
        return new JsonObject
        {
            ["suspects"] = new JsonArray([.. report.Suspects.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = Id(s.Id),
                ["given"] = s.Given,
                ["suggested"] = s.Suggested,
                ["score"] = Math.Round(s.Score, 6),
            })]),
            ["examples"] = report.Examples,
            ["classes"] = new JsonArray([.. report.Classes.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["thresholds"] = thresholds,
            ["confident_joint"] = new JsonArray([.. report.ConfidentJoint.Select(row => (JsonNode)new JsonArray([.. row.Select(n => (JsonNode)JsonValue.Create(n))]))]),
        };
    }

    /// <summary>Ids that are whole numbers (item ids, line numbers) are written as numbers, as the data gave them.</summary>
    private static JsonNode Id(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number.ToString(CultureInfo.InvariantCulture) == id
            ? JsonValue.Create(number)
            : JsonValue.Create(id);
}
