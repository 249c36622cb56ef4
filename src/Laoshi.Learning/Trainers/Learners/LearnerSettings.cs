namespace Laoshi.Learning.Trainers.Learners;

/// <summary>
/// What a trainer's declared parameters say about its ML.NET learner. "linear" is maximum entropy fitted with L-BFGS
/// (logistic regression per class for multi-label); "lightgbm" is gradient-boosted trees. Each trainer keeps its own
/// parameter names (audio-mfcc's "iterations" are boosting rounds, text-ngram's are L-BFGS steps) and maps them here.
/// A null option is left at ML.NET's default, so a trainer that never set it keeps the models it always made.
/// </summary>
public sealed record LearnerSettings(
    string Learner,
    double L2,
    double L1,
    int? LinearIterations,
    int Leaves,
    int MinLeaf,
    double LearningRate,
    int Trees,
    bool? Softmax = null,
    bool? Deterministic = null,
    string LabelColumn = "Label",
    string FeatureColumn = "Features")
{
    public const string Linear = "linear";
    public const string LightGbm = "lightgbm";
}
