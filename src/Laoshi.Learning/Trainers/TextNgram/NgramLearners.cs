using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// The ML.NET learners behind "learner": both give probabilities (softmax for one label per text; a calibrated
/// sigmoid per class for multi-label), which active learning and label-error detection read from ClassScores.
/// </summary>
internal static class NgramLearners
{
    public static IEstimator<ITransformer> Multiclass(MLContext ml, TextNgramSettings settings, int seed) =>
        settings.Learner == TextNgramSettings.LightGbm
            ? ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = NgramColumns.Label,
                FeatureColumnName = NgramColumns.Features,
                NumberOfLeaves = settings.Leaves,
                NumberOfIterations = settings.Trees,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                UseSoftmax = true,
                Seed = seed,
                Deterministic = true,
                NumberOfThreads = 1,
                Silent = true,
                Verbose = false,
            })
            : ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = NgramColumns.Label,
                FeatureColumnName = NgramColumns.Features,
                L2Regularization = (float)settings.L2,
                L1Regularization = (float)settings.L1,
                MaximumNumberOfIterations = settings.Iterations,
                // Fixed thread count: the same seed and data must give the same model on any machine.
                NumberOfThreads = 1,
            });

    public static IEstimator<ITransformer> Binary(MLContext ml, TextNgramSettings settings, int seed) =>
        settings.Learner == TextNgramSettings.LightGbm
            ? ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = NgramColumns.Label,
                FeatureColumnName = NgramColumns.Features,
                NumberOfLeaves = settings.Leaves,
                NumberOfIterations = settings.Trees,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                Seed = seed,
                Deterministic = true,
                NumberOfThreads = 1,
                Silent = true,
                Verbose = false,
            })
            : ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = NgramColumns.Label,
                FeatureColumnName = NgramColumns.Features,
                L2Regularization = (float)settings.L2,
                L1Regularization = (float)settings.L1,
                MaximumNumberOfIterations = settings.Iterations,
                NumberOfThreads = 1,
            });
}
