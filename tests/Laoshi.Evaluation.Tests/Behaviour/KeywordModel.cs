using Laoshi.Core.Models;
using Laoshi.Core.Regions;

namespace Laoshi.Evaluation.Tests.Behaviour;

/// <summary>
/// A small, honest sentiment model for behaviour tests: it counts known positive and negative words (ASCII and
/// simplified Chinese exactly as listed), flips on a negation, and answers a "sentiment" choice with class scores.
/// It records each batch it is asked, so tests can see how it was called.
/// </summary>
internal sealed class KeywordModel(IReadOnlyList<string> positive, IReadOnlyList<string> negative, bool understandsNegation = true, bool giveScores = true) : IItemModel
{
    public static KeywordModel Sentiment(bool understandsNegation = true, bool giveScores = true) =>
        new(["good", "great", "love", "loved", "喜欢", "好"], ["bad", "awful", "hate", "讨厌"], understandsNegation, giveScores);

    public List<int> Batches { get; } = [];
    public List<string> Seen { get; } = [];

    public string Version => "keywords-1";

    public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        Batches.Add(inputs.Count);
        var answers = new List<ModelAnswer>(inputs.Count);
        foreach (var input in inputs)
        {
            var text = input.Data["text"]!.GetValue<string>();
            Seen.Add(text);
            var lower = text.ToLowerInvariant();
            var score = positive.Count(lower.Contains) - negative.Count(lower.Contains);
            if (understandsNegation && (lower.Contains("not ") || lower.Contains("n't") || lower.Contains('不'))) score = -score;
            var p = 1 / (1 + Math.Exp(-score));
            var label = score > 0 ? "positive" : "negative";
            var region = new Region { Id = "r", FromName = "sentiment", ToName = "text", Type = "choices", Labels = [label] };
            answers.Add(new ModelAnswer(input.ItemId, [region], null,
                giveScores ? new Dictionary<string, double> { ["positive"] = p, ["negative"] = 1 - p } : null));
        }
        return Task.FromResult<IReadOnlyList<ModelAnswer>>(answers);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
