using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>
/// A test set of 8 sentences (TestSchemas.TextConfig) with known answers and two models' stored predictions.
/// Truth: emotion joy for even items, sadness for odd; entities PER "Alice" [0,5) and LOC "Paris" [14,19).
/// v1 says joy for every item and finds only PER (accuracy 4/8, span F1 2/3); v2 is right except item 0 (it says
/// sadness) and finds both entities (accuracy 7/8, span F1 1). Items 0–3 come from source "web", 4–7 from "app".
/// </summary>
public static class EvaluationData
{
    public const int Items = 8;

    public static string Jsonl() => string.Join('\n', Enumerable.Range(0, Items).Select(Line));

    private static string Line(int i)
    {
        var text = $"Alice went to Paris {i}";
        var truthEmotion = i % 2 == 0 ? "joy" : "sadness";
        var v2Emotion = i == 0 ? "sadness" : truthEmotion;
        return new JsonObject
        {
            ["data"] = new JsonObject { ["text"] = text, ["source"] = i < 4 ? "web" : "app" },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["completed_by"] = "ann",
                ["result"] = new JsonArray(Choice(truthEmotion), Span("PER", 0, 5, "Alice"), Span("LOC", 14, 19, "Paris")),
            }),
            ["predictions"] = new JsonArray(
                new JsonObject { ["model_version"] = "v1", ["score"] = 0.6, ["result"] = new JsonArray(Choice("joy"), Span("PER", 0, 5, "Alice")) },
                new JsonObject
                {
                    ["model_version"] = "v2", ["score"] = 0.9,
                    ["result"] = new JsonArray(Choice(v2Emotion), Span("PER", 0, 5, "Alice"), Span("LOC", 14, 19, "Paris")),
                }),
        }.ToJsonString();
    }

    private static JsonObject Choice(string label) => new()
    {
        ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
    };

    private static JsonObject Span(string label, int start, int end, string text) => new()
    {
        ["id"] = $"s{start}", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels",
        ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text, ["labels"] = new JsonArray(label) },
    };
}
