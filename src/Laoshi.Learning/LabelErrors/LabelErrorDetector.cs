using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// Label-error detection end to end: out-of-fold probabilities from the trainers (and their
/// neighbour votes), then confident learning over them.
/// `laoshi label-errors` and the project's "label-errors" job both run this.
/// </summary>
public static class LabelErrorDetector
{
    public static async Task<LabelErrorReport> FindAsync(
        TrainingSet data, IReadOnlyList<TrainerChoice> trainers, int folds, int seed, IMediaSource media,
        LabelErrorOptions? options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        options ??= new LabelErrorOptions();
        var probabilities = await OutOfFoldProbabilities.ComputeAsync(data, trainers, folds, seed, media, options.Neighbours, progress, cancellationToken);
        return ConfidentLearning.Find(data.Classes, probabilities, options);
    }
}
