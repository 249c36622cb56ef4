using System.Text.Json.Nodes;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Search;

/// <summary>Small seeded sentiment sets: positive and negative words mixed with shared filler and some noise.</summary>
public static class SearchData
{
    private static readonly string[] Positive = ["good", "great", "lovely", "happy", "fine", "nice"];
    private static readonly string[] Negative = ["bad", "awful", "sad", "poor", "ugly", "broken"];
    private static readonly string[] Filler = ["the", "film", "was", "quite", "a", "day", "food", "and", "it"];

    public static TrainingSet Sentiment(int count, int seed = 7)
    {
        var random = new Random(seed);
        var examples = new List<TrainingExample>();
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var own = positive ? Positive : Negative;
            var other = positive ? Negative : Positive;
            var words = Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            words.Add(own[random.Next(own.Length)]);
            words.Add(own[random.Next(own.Length)]);
            // Some sentences carry a misleading word too: the model has to weigh the evidence.
            if (random.NextDouble() < 0.3) words.Add(other[random.Next(other.Length)]);
            var text = string.Join(' ', words.OrderBy(_ => random.Next()));
            examples.Add(new TrainingExample($"s{i}", new JsonObject { ["text"] = text }, [positive ? "positive" : "negative"]));
        }
        return new TrainingSet(examples, ["negative", "positive"], false, "text", new ModelTarget("sentiment", "text"));
    }

    public static TrainingContext Context(int seed = 1) => new(seed, new FileMediaSource(Path.GetTempPath()));
}
