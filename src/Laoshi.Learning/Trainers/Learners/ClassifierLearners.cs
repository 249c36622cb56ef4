using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Laoshi.Learning.Trainers.Learners;

/// <summary>
/// The ML.NET learners the built-in classifiers train (audio-mfcc, text-ngram): both give probabilities (softmax over
/// classes for one label per example; a calibrated sigmoid per class for multi-label), which active learning and
/// label-error detection read. Every learner runs on one thread with the run's seed, so the same data and settings give
/// the same model on any machine.
/// </summary>
public static class ClassifierLearners
{
    public static IEstimator<ITransformer> Multiclass(MLContext ml, LearnerSettings settings, int seed)
    {
        if (settings.Learner == LearnerSettings.LightGbm)
        {
            var trees = new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = settings.LabelColumn,
                FeatureColumnName = settings.FeatureColumn,
                NumberOfLeaves = settings.Leaves,
                NumberOfIterations = settings.Trees,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                UseSoftmax = settings.Softmax,
                Seed = seed,
                NumberOfThreads = 1,
                Silent = true,
                Verbose = false,
            };
            if (settings.Deterministic is { } deterministic) trees.Deterministic = deterministic;
            return ml.MulticlassClassification.Trainers.LightGbm(trees);
        }
        var linear = new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = settings.LabelColumn,
            FeatureColumnName = settings.FeatureColumn,
            L2Regularization = (float)settings.L2,
            L1Regularization = (float)settings.L1,
            NumberOfThreads = 1,
        };
        if (settings.LinearIterations is { } iterations) linear.MaximumNumberOfIterations = iterations;
        return ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(linear);
    }

    public static IEstimator<ITransformer> Binary(MLContext ml, LearnerSettings settings, int seed)
    {
        if (settings.Learner == LearnerSettings.LightGbm)
        {
            var trees = new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = settings.LabelColumn,
                FeatureColumnName = settings.FeatureColumn,
                NumberOfLeaves = settings.Leaves,
                NumberOfIterations = settings.Trees,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                Seed = seed,
                NumberOfThreads = 1,
                Silent = true,
                Verbose = false,
            };
            if (settings.Deterministic is { } deterministic) trees.Deterministic = deterministic;
            return ml.BinaryClassification.Trainers.LightGbm(trees);
        }
        var linear = new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = settings.LabelColumn,
            FeatureColumnName = settings.FeatureColumn,
            L2Regularization = (float)settings.L2,
            L1Regularization = (float)settings.L1,
            NumberOfThreads = 1,
        };
        if (settings.LinearIterations is { } iterations) linear.MaximumNumberOfIterations = iterations;
        return ml.BinaryClassification.Trainers.LbfgsLogisticRegression(linear);
    }
}
