using System.Text.Json.Nodes;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.TextNgram;

/// <summary>Small seeded text sets whose classes show in their words: English topics, Chinese reviews, multi-label tags.</summary>
public static class GeneratedTexts
{
    public static readonly ModelTarget Target = new("label", "text");

    private static readonly Dictionary<string, string[]> TopicWords = new()
    {
        ["sport"] = ["football", "match", "goal", "team", "coach", "league", "score", "player"],
        ["food"] = ["noodles", "soup", "spicy", "dinner", "recipe", "dumplings", "kitchen", "taste"],
        ["tech"] = ["laptop", "software", "battery", "screen", "update", "phone", "server", "code"],
    };

    private static readonly string[] Filler = ["the", "a", "today", "really", "we", "talked", "about", "new", "was", "and", "my", "friend"];

    private static readonly Dictionary<string, string[]> ChineseStarts = new()
    {
        ["好评"] = ["质量很好", "非常满意", "推荐购买", "物超所值", "服务周到", "味道不错", "很喜欢"],
        ["差评"] = ["质量太差", "非常失望", "不要购买", "浪费钱", "服务很差", "味道难吃", "很后悔"],
    };

    private static readonly string[] ChineseFiller = ["这个手机", "这家店", "快递", "今天买的", "朋友说", "东西", "包装"];

    /// <summary>English sentences about one of three topics.</summary>
    public static TrainingSet Topics(int count, int seed)
    {
        var random = new Random(seed);
        var classes = TopicWords.Keys.Order(StringComparer.Ordinal).ToArray();
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            var label = classes[i % classes.Length];
            var words = Enumerable.Range(0, 6).Select(k => k % 3 == 0 ? Pick(random, TopicWords[label]) : Pick(random, Filler));
            return Example($"t{i}", string.Join(' ', words), label);
        }).ToList();
        return new TrainingSet(examples, classes, MultiLabel: false, "text", Target);
    }

    /// <summary>Chinese reviews (no spaces) that praise or complain.</summary>
    public static TrainingSet ChineseReviews(int count, int seed)
    {
        var random = new Random(seed);
        string[] classes = ["好评", "差评"];
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            var label = classes[i % 2];
            var text = $"{Pick(random, ChineseFiller)}{Pick(random, ChineseStarts[label])}，{Pick(random, ChineseFiller)}{Pick(random, ChineseStarts[label])}。";
            return Example($"z{i}", text, label);
        }).ToList();
        return new TrainingSet(examples, classes, MultiLabel: false, "text", Target);
    }

    /// <summary>English sentences that mention any of the three topics; each mentioned topic is a label.</summary>
    public static TrainingSet MultiTopics(int count, int seed)
    {
        var random = new Random(seed);
        var classes = TopicWords.Keys.Order(StringComparer.Ordinal).ToArray();
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            // Every subset of the topics appears, the empty one too.
            var labels = classes.Where((_, c) => ((i >> c) & 1) == 1).ToArray();
            var words = new List<string>();
            foreach (var label in labels) words.AddRange([Pick(random, TopicWords[label]), Pick(random, TopicWords[label])]);
            words.AddRange(Enumerable.Range(0, 3).Select(_ => Pick(random, Filler)));
            var shuffled = words.OrderBy(_ => random.Next()).ToList();
            return new TrainingExample($"m{i}", new JsonObject { ["text"] = string.Join(' ', shuffled) }, labels);
        }).ToList();
        return new TrainingSet(examples, classes, MultiLabel: true, "text", Target);
    }

    public static TrainingExample Example(string id, string text, string label) => new(id, new JsonObject { ["text"] = text }, [label]);

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
