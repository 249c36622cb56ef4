using System.Text.Json.Nodes;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.Embeddings;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Trainers;

/// <summary>One text-minilm trainer for a test class, so the encoder loads once, and a sentiment model trained once.</summary>
public sealed class MiniLmFixture : IAsyncLifetime
{
    private static readonly ModelTarget Target = new("sentiment", "text");

    private readonly Lazy<MiniLmEncoder> _encoder = new(() => new MiniLmEncoder());

    public MiniLmFixture() => Trainer = new TextMiniLmTrainer(_encoder);

    public TextMiniLmTrainer Trainer { get; }

    public MiniLmEncoder Encoder => _encoder.Value;

    /// <summary>Trained on <see cref="SentimentSet"/> with the default parameters.</summary>
    public ITrainedModel Sentiment { get; private set; } = null!;

    private static readonly string[] Happy =
    [
        "I love this phone, it works wonderfully", "What a fantastic meal, truly delicious", "The staff were kind and very helpful",
        "Absolutely brilliant film, I enjoyed every minute", "Great value and superb quality", "This made my day, thank you so much",
        "The hotel room was spotless and comfortable", "Excellent service, I will come back again", "Such a lovely and cheerful song",
        "The delivery was quick and the product is perfect", "I am delighted with my purchase", "A wonderful experience from start to finish",
    ];

    private static readonly string[] Unhappy =
    [
        "I hate this phone, it keeps crashing", "The meal was cold and tasted awful", "The staff were rude and unhelpful",
        "A boring film, I walked out halfway", "Poor quality and a waste of money", "This ruined my whole day",
        "The hotel room was dirty and smelled bad", "Terrible service, never again", "An irritating and dreary song",
        "The delivery was late and the product arrived broken", "I regret buying this", "A miserable experience from start to finish",
    ];

    public static TrainingExample Example(string id, string text, params string[] labels) => new(id, new JsonObject { ["text"] = text }, labels);

    public static TrainingSet SentimentSet() => new(
        [.. Happy.Select((t, i) => Example($"p{i}", t, "positive")), .. Unhappy.Select((t, i) => Example($"n{i}", t, "negative"))],
        ["negative", "positive"], MultiLabel: false, "text", Target);

    public static TrainingContext Context() => new(Seed: 1, new FileMediaSource("."), Version: "text-minilm@1");

    public async ValueTask InitializeAsync() =>
        Sentiment = await Trainer.TrainAsync(SentimentSet(), ParameterValues.Defaults(Trainer.Parameters), Context(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Sentiment is not null) await Sentiment.DisposeAsync();
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
