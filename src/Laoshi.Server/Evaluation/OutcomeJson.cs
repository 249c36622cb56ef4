using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;

namespace Laoshi.Server.Evaluation;

/// <summary>The short JSON an item outcome keeps of what the truth and the model said (shown beside failures).</summary>
public static class OutcomeJson
{
    public static string Labels(IReadOnlyList<string> labels) => JsonSerializer.Serialize(labels);

    public static string Text(string text) => JsonSerializer.Serialize(text);

    /// <summary>Boxes as [label, x, y, width, height, score?] and spans as [label, start, end, text].</summary>
    public static string Regions(IReadOnlyList<Region> regions)
    {
        var array = new JsonArray();
        foreach (var r in regions)
        {
            var label = r.Labels.Count > 0 ? string.Join("+", r.Labels) : "";
            if (r.Start is not null)
                array.Add(new JsonArray(label, r.Start, r.End, r.Text));
            else if (r.X is not null)
            {
                var box = new JsonArray(label, Round(r.X), Round(r.Y), Round(r.Width), Round(r.Height));
                if (r.Score is { } score) box.Add(Math.Round(score, 4));
                array.Add(box);
            }
        }
        return array.ToJsonString();
    }

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 2);
}
