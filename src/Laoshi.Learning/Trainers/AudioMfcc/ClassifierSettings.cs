namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// The learner behind <see cref="FeatureClassifier"/> and its settings: "linear" is L-BFGS maximum entropy (logistic
/// regression per class for multi-label) with L2 regularisation; "lightgbm" is gradient-boosted trees.
/// </summary>
public sealed record ClassifierSettings(
    string Learner = ClassifierSettings.Linear, double L2 = 0.01, int Iterations = 100, double LearningRate = 0.1, int Leaves = 8, int MinLeaf = 2)
{
    public const string Linear = "linear";
    public const string LightGbm = "lightgbm";
}
