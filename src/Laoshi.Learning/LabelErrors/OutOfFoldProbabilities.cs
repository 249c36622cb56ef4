using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// Every example's class probabilities from a model that did not train on it: k-fold cross-validation (stratified,
/// seeded), one model per fold and trainer, each answering only its fold's held-out part. With several trainers the
/// probabilities are averaged, an ensemble whose mistakes are less alike than either's. Judging an example by a model
/// that learned it would hide exactly the label errors this is for. With <c>neighbours</c> &gt; 0 every trainer whose
/// models embed items adds a second judge, the vote of each example's nearest neighbours in that embedding
/// (<see cref="NeighbourVotes"/>), averaged in with the same weight as a model.
/// </summary>
public static class OutOfFoldProbabilities
{
    /// <summary>Examples a model is asked about at once.</summary>
    private const int BatchSize = 256;

    public static async Task<IReadOnlyList<LabelledProbabilities>> ComputeAsync(
        TrainingSet data, IReadOnlyList<TrainerChoice> trainers, int folds, int seed, IMediaSource media, int neighbours,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (neighbours < 0) throw new BadInputException($"neighbours must be 0 (no neighbour vote) or more, not {neighbours}", field: "neighbours");
        if (trainers.Count == 0) throw new BadInputException("name at least one trainer", field: "trainer");
        if (data.MultiLabel) throw new BadInputException("label-error detection works on single-label data: each example needs exactly one label", field: "label");
        if (folds < 2) throw new BadInputException($"folds must be at least 2, not {folds}", field: "folds");
        if (folds > data.Examples.Count) throw new BadInputException($"{folds} folds need at least {folds} examples; there are {data.Examples.Count}", field: "folds");
        foreach (var choice in trainers)
            if (!TrainerTasks.IsClassification(choice.Trainer.Task))
                throw new BadInputException($"trainer '{choice.Trainer.Name}' does not classify ({choice.Trainer.Task}); label-error detection needs a classifier", field: "trainer");
        foreach (var example in data.Examples)
            if (example.Labels.Count != 1)
                throw new BadInputException($"example '{example.Id}' has {example.Labels.Count} labels; label-error detection needs exactly one", field: "label");

        var k = data.Classes.Count;
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var example in data.Examples) sums[example.Id] = new double[k];
        var splits = DataSplit.KFold(data.Examples, folds, seed);
        var classIndex = data.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var labels = data.Examples.Select(e => classIndex.TryGetValue(e.Labels[0], out var c) ? c
            : throw new BadInputException($"example '{e.Id}' has the label '{e.Labels[0]}', which is not one of the classes", field: "label")).ToArray();
        var steps = trainers.Count * splits.Count;
        var step = 0;
        var judges = 0;
        foreach (var choice in trainers)
        {
            IReadOnlyList<float[]>? vectors = null;
            for (var fold = 0; fold < splits.Count; fold++)
            {
                var (train, test) = splits[fold];
                progress?.Report(new TrainingProgress((double)step / steps, $"{choice.Trainer.Name}: training fold {fold + 1} of {splits.Count}"));
                var context = new TrainingContext(seed, media, $"{choice.Trainer.Name}-fold-{fold + 1}");
                await using var model = await choice.Trainer.TrainAsync(data.With(train), choice.Parameters, context, cancellationToken);
                // Embeddings carry no labels (a fixed network, or hashed n-grams over a vocabulary), so one fold's model
                // can place every example, and all of them land in the same space.
                if (fold == 0 && neighbours > 0 && model is IEmbeddingModel embedder)
                {
                    progress?.Report(new TrainingProgress((double)step / steps, $"{choice.Trainer.Name}: embedding {data.Examples.Count} examples for the neighbour vote"));
                    vectors = await EmbedAllAsync(embedder, data.Examples, cancellationToken);
                }
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
            judges++;
            if (vectors is not null)
            {
                // A neighbourhood of more than a tenth of the data votes little more than the class sizes (small sets).
                var nearest = Math.Min(neighbours, Math.Max(1, data.Examples.Count / 10));
                progress?.Report(new TrainingProgress((double)step / steps, $"{choice.Trainer.Name}: neighbour vote ({nearest} nearest)"));
                var votes = await Task.Run(() => NeighbourVotes.Probabilities(vectors, labels, k, nearest, seed, cancellationToken), cancellationToken);
                for (var n = 0; n < votes.Length; n++) Add(sums[data.Examples[n].Id], votes[n]);
                judges++;
            }
        }
        progress?.Report(new TrainingProgress(1, "out-of-fold probabilities ready"));
        return [.. data.Examples.Select(e => new LabelledProbabilities(e.Id, e.Labels[0], [.. sums[e.Id].Select(s => s / judges)]))];
    }

    private static async Task<IReadOnlyList<float[]>> EmbedAllAsync(IEmbeddingModel embedder, IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(examples.Count);
        foreach (var batch in examples.Chunk(BatchSize))
        {
            var answers = await embedder.EmbedAsync([.. batch.Select(e => new ModelInput(e.Id, e.Data))], cancellationToken);
            if (answers.Count != batch.Length)
                throw new InvalidOperationException($"the model embedded {answers.Count} of {batch.Length} examples");
            vectors.AddRange(answers);
        }
        return vectors;
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
