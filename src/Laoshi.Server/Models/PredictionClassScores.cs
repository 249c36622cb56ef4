using System.Text.Json.Nodes;
using Laoshi.Core.Regions;

namespace Laoshi.Server.Models;

/// <summary>
/// Class probabilities kept with a stored prediction. Label Studio results carry only the chosen label's score, so a
/// full distribution can ride along in the choices region as "scores" (or "value.scores"): {"cat": 0.7, "dog": 0.3}.
/// </summary>
public static class PredictionClassScores
{
    public static IReadOnlyDictionary<string, double>? From(IReadOnlyList<Region> regions)
    {
        foreach (var region in regions)
        {
            if (region.Type != RegionTypes.Choices || region.Extra is null) continue;
            var node = region.Extra["scores"] ?? region.Extra["value.scores"];
            if (node is not JsonObject scores) continue;
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (label, value) in scores)
                if (value is JsonValue v && v.TryGetValue<double>(out var p)) result[label] = p;
            if (result.Count > 0) return result;
        }
        return null;
    }
}
