using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>The ner trainer's declared parameters, read into one value.</summary>
public sealed record NerSettings(
    int Epochs, int Window, int AffixLength, int MinFeatureCount, double WordDropout, string Tokenization, bool Averaged)
{
    public static readonly IReadOnlyList<TrainerParameter> Declared =
    [
        new("epochs", ParameterTypes.Int, 20, "Passes over the training texts; more fit the training spans closer.", 1, 50),
        new("window", ParameterTypes.Int, 2, "How many tokens on each side the tagger looks at (0 = the token alone).", 0, 4),
        new("affix_length", ParameterTypes.Int, 3, "Longest prefix and suffix of a word used as evidence (0 = none).", 0, 5),
        new("min_feature_count", ParameterTypes.Int, 1, "Evidence seen fewer times than this in training is ignored.", 1, 10),
        new("word_dropout", ParameterTypes.Float, 0.2,
            "Share of training tokens whose own word is hidden in each pass, so the tagger also learns from context and copes with unseen names.",
            0, 0.6),
        new("tokenization", ParameterTypes.Choice, TextTokenizer.Auto,
            "auto: words for spaced languages and one token per Chinese/Japanese character; characters: every character a token.",
            Choices: TextTokenizer.Modes),
        new("averaged", ParameterTypes.Bool, true, "Keep the perceptron's weights averaged over all steps (steadier) rather than the last ones."),
    ];

    public static NerSettings From(ParameterValues values) => new(
        values.Int("epochs"), values.Int("window"), values.Int("affix_length"),
        values.Int("min_feature_count"), values.Float("word_dropout"), values.Choice("tokenization"), values.Bool("averaged"));

    public JsonObject ToJson() => new()
    {
        ["epochs"] = Epochs,
        ["window"] = Window,
        ["affix_length"] = AffixLength,
        ["min_feature_count"] = MinFeatureCount,
        ["word_dropout"] = WordDropout,
        ["tokenization"] = Tokenization,
        ["averaged"] = Averaged,
    };
}
