using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Trainers.Learners;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// The text-ngram trainer's settings, read from its declared parameters. Word n-grams catch phrases ("not good");
/// character n-grams catch spelling variants and carry Chinese, which has no spaces between words.
/// </summary>
public sealed record TextNgramSettings(
    string Learner, int WordNgrams, int CharNgrams, string Weighting, int MinCount,
    double L2, double L1, int Iterations,
    int Leaves, int Trees, double LearningRate, int MinLeaf)
{
    public const string Linear = LearnerSettings.Linear;
    public const string LightGbm = LearnerSettings.LightGbm;

    /// <summary>The learner these settings ask for; softmax and deterministic trees are what text-ngram always trained.</summary>
    public LearnerSettings Learners => new(Learner, L2, L1, Iterations, Leaves, MinLeaf, LearningRate, Trees, Softmax: true, Deterministic: true,
        LabelColumn: NgramColumns.Label, FeatureColumn: NgramColumns.Features);

    /// <summary>Everything a user may set with --param, with the ranges a search draws from.</summary>
    public static readonly IReadOnlyList<TrainerParameter> Declared =
    [
        new("learner", ParameterTypes.Choice, JsonValue.Create(Linear),
            "linear: maximum entropy (logistic regression) fitted with L-BFGS, fast and well calibrated; lightgbm: gradient-boosted trees.",
            Choices: [Linear, LightGbm]),
        new("word_ngrams", ParameterTypes.Int, JsonValue.Create(2),
            "Longest word n-gram (1 = single words, 2 adds word pairs); 0 turns word features off.", Min: 0, Max: 4),
        new("char_ngrams", ParameterTypes.Int, JsonValue.Create(6),
            "Longest character n-gram (all lengths from 1 up are used; Chinese relies on these); 0 turns character features off.", Min: 0, Max: 7),
        new("weighting", ParameterTypes.Choice, JsonValue.Create("tfidf"),
            "How n-gram counts are weighted before the vector is scaled to length 1: tf (counts) or tfidf (rare n-grams weigh more).",
            Choices: ["tf", "tfidf"]),
        new("min_count", ParameterTypes.Int, JsonValue.Create(2),
            "Drop n-grams found in fewer training texts than this; 1 keeps them all.", Min: 1, Max: 50, LogScale: true),
        new("l2", ParameterTypes.Float, JsonValue.Create(1.0),
            "linear: L2 regularisation; larger values give smoother, less confident models.", Min: 1e-6, Max: 10, LogScale: true),
        new("l1", ParameterTypes.Float, JsonValue.Create(0.0),
            "linear: L1 regularisation; larger values drop more n-grams from the model.", Min: 0, Max: 1),
        new("iterations", ParameterTypes.Int, JsonValue.Create(200),
            "linear: most L-BFGS iterations.", Min: 5, Max: 2000, LogScale: true),
        new("leaves", ParameterTypes.Int, JsonValue.Create(31),
            "lightgbm: most leaves per tree.", Min: 2, Max: 256, LogScale: true),
        new("trees", ParameterTypes.Int, JsonValue.Create(100),
            "lightgbm: boosting rounds (trees per class).", Min: 10, Max: 3000, LogScale: true),
        new("learning_rate", ParameterTypes.Float, JsonValue.Create(0.1),
            "lightgbm: shrinkage applied to each tree.", Min: 0.005, Max: 0.5, LogScale: true),
        new("min_leaf", ParameterTypes.Int, JsonValue.Create(3),
            "lightgbm: fewest training examples in a leaf.", Min: 1, Max: 100, LogScale: true),
    ];

    public static TextNgramSettings From(ParameterValues values)
    {
        var settings = new TextNgramSettings(
            values.Choice("learner"), values.Int("word_ngrams"), values.Int("char_ngrams"), values.Choice("weighting"),
            values.Int("min_count"), values.Float("l2"), values.Float("l1"), values.Int("iterations"),
            values.Int("leaves"), values.Int("trees"), values.Float("learning_rate"),
            values.Int("min_leaf"));
        if (settings.WordNgrams == 0 && settings.CharNgrams == 0)
            throw new BadInputException("word_ngrams and char_ngrams cannot both be 0: the model would see no features",
                path: "$.params.char_ngrams", field: "char_ngrams");
        return settings;
    }
}
