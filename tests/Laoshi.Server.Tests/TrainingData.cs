using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>
/// A small labelled text project for training (TestSchemas.TextConfig): sentences with joyful or sad words, answered
/// with the emotion control, plus a few unanswered ones to pre-label.
/// </summary>
public static class TrainingData
{
    private static readonly string[] Joy = ["happy", "glad", "wonderful", "delighted", "cheerful", "great"];
    private static readonly string[] Sad = ["sad", "gloomy", "miserable", "unhappy", "awful", "tearful"];
    private static readonly string[] Things = ["the weather", "my day", "this film", "the trip", "our dinner", "the news"];

    public static string Sentence(int i, bool joy) =>
        $"{Things[i % Things.Length]} made me {(joy ? Joy : Sad)[i % 6]} and {(joy ? Joy : Sad)[(i + 2) % 6]}";

    /// <param name="answered">Items with an emotion answer (even joy, odd sadness).</param>
    /// <param name="open">Items nobody answered.</param>
    public static string Jsonl(int answered = 40, int open = 3) => string.Join('\n',
        Enumerable.Range(0, answered).Select(i => new JsonObject
        {
            ["data"] = new JsonObject { ["text"] = Sentence(i, i % 2 == 0) },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["completed_by"] = "ann",
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray(i % 2 == 0 ? "joy" : "sadness") },
                }),
            }),
        }.ToJsonString())
        .Concat(Enumerable.Range(0, open).Select(i => new JsonObject { ["data"] = new JsonObject { ["text"] = Sentence(i + 1, true) } }.ToJsonString())));
}
