using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// Every example's class probabilities from a model that did not train on it: k-fold cross-validation (stratified,
/// seeded), one model per fold and trainer, each answering only its fold's held-out part. With several trainers the
/// probabilities are averaged, an ensemble whose mistakes are less alike than either's. Judging an example by a model
/// that learned it would hide exactly the label errors this is for.
/// </summary>
public static class OutOfFoldProbabilities
{
    /// <summary>Examples a model is asked about at once.</summary>
    private const int BatchSize = 256;

    public static async Task<IReadOnlyList<LabelledProbabilities>> ComputeAsync(
        TrainingSet data, IReadOnlyList<TrainerChoice> trainers, int folds, int seed, IMediaSource media,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (trainers.Count == 0) throw new BadInputException("name at least one trainer", field: "trainer");
        if (data.MultiLabel) throw new BadInputException("label-error detection works on single-label data: each example needs exactly one label", field: "label");
        if (folds < 2) throw new BadInputException($"folds must be at least 2, not {folds}", field: "folds");
        if (folds > data.Examples.Count) throw new BadInputException($"{folds} folds need at least {folds} examples; there are {data.Examples.Count}", field: "folds");
        foreach (var choice in trainers)
            if (choice.Trainer.Task is not (TrainerTasks.TextClassification or TrainerTasks.ImageClassification or TrainerTasks.AudioClassification))
                throw new BadInputException($"trainer '{choice.Trainer.Name}' does not classify ({choice.Trainer.Task}); label-error detection needs a classifier", field: "trainer");
        foreach (var example in data.Examples)
            if (example.Labels.Count != 1)
                throw new BadInputException($"example '{example.Id}' has {example.Labels.Count} labels; label-error detection needs exactly one", field: "label");

        var k = data.Classes.Count;
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var example in data.Examples) sums[example.Id] = new double[k];
        var splits = DataSplit.KFold(data.Examples, folds, seed);
        var steps = trainers.Count * splits.Count;
        var step = 0;
        foreach (var choice in trainers)
        {
            for (var fold = 0; fold < splits.Count; fold++)
            {
                var (train, test) = splits[fold];
                progress?.Report(new TrainingProgress((double)step / steps, $"{choice.Trainer.Name}: training fold {fold + 1} of {splits.Count}"));
                var context = new TrainingContext(seed, media, $"{choice.Trainer.Name}-fold-{fold + 1}");
                await using var model = await choice.Trainer.TrainAsync(data.With(train), choice.Parameters, context, cancellationToken);
                foreach (var batch in test.Chunk(BatchSize))
                {
                    var answers = await model.PredictAsync([.. batch.Select(e => new ModelInput(e.Id, e.Data))], cancellationToken);
                    if (answers.Count != batch.Length)
                        throw new InvalidOperationException($"trainer '{choice.Trainer.Name}' answered {answers.Count} of {batch.Length} examples");
                    for (var i = 0; i < batch.Length; i++)
                        Add(sums[batch[i].Id], Probabilities(answers[i], data.Classes, choice.Trainer.Name));
                }
                step++;
            }
        }
        progress?.Report(new TrainingProgress(1, "out-of-fold probabilities ready"));
        return [.. data.Examples.Select(e => new LabelledProbabilities(e.Id, e.Labels[0], [.. sums[e.Id].Select(s => s / trainers.Count)]))];
    }

    /// <summary>The answer's class probabilities in the set's class order, normalised to sum to 1.</summary>
    private static double[] Probabilities(ModelAnswer answer, IReadOnlyList<string> classes, string trainer)
    {
        var scores = answer.ClassScores
            ?? throw new InvalidOperationException($"trainer '{trainer}' gave no class probabilities for example '{answer.ItemId}'");
        var row = classes.Select(c => scores.TryGetValue(c, out var p) && double.IsFinite(p) ? Math.Max(0, p) : 0).ToArray();
        var total = row.Sum();
        if (total <= 0) return [.. row.Select(_ => 1.0 / row.Length)];
        for (var c = 0; c < row.Length; c++) row[c] /= total;
        return row;
    }

    private static void Add(double[] sum, double[] row)
    {
        for (var c = 0; c < sum.Length; c++) sum[c] += row[c];
    }
}
