using System.Diagnostics;
using Laoshi.Core.Models;
using Laoshi.Evaluation.Classification;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Active;

/// <summary>
/// Replays labelling of a fully labelled set: a test part is held out, training starts from a small seeded random
/// labelled set (every class in it when it can be), and each round the model trained so far scores the pool, the
/// strategy picks the next batch, and their labels are "revealed" — until the budget is spent. Each round adds a point
/// to the learning curve (labels used → held-out accuracy and macro F1).
/// </summary>
public sealed class ActiveLearningSimulation(ITrainer trainer, ParameterValues parameters, TrainingContext context)
{
    private const int PredictBatch = 256;

    public async Task<IReadOnlyList<CurvePoint>> RunAsync(
        TrainingSet data, SimulationOptions options, IProgress<CurvePoint>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Checked();
        var (train, test) = DataSplit.Holdout(data.Examples, options.TestShare, options.Seed);
        var labelled = InitialSet(train, Math.Min(options.Initial, train.Count), options.Seed);
        var taken = labelled.ToHashSet(ReferenceEqualityComparer.Instance);
        var pool = train.Where(e => !taken.Contains(e)).ToList();
        var budget = Math.Min(options.Budget, train.Count);
        var curve = new List<CurvePoint>();
        for (var round = 0; ; round++)
        {
            var watch = Stopwatch.StartNew();
            await using var model = await trainer.TrainAsync(data.With(labelled), parameters, context with { Seed = options.Seed, Progress = null }, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            var report = await ScoreAsync(model, data, test, cancellationToken);
            var point = new CurvePoint(labelled.Count, report.Accuracy, report.Macro.F1, seconds);
            curve.Add(point);
            progress?.Report(point);
            var room = Math.Min(options.Batch, budget - labelled.Count);
            if (room <= 0 || pool.Count == 0) break;

            var picks = await PickAsync(model, pool, labelled, room, new SamplingOptions(options.Strategy, options.RandomShare, options.Seed + round + 1), cancellationToken);
            var byId = picks.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            labelled = [.. labelled, .. pool.Where(e => byId.Contains(e.Id))];
            pool = [.. pool.Where(e => !byId.Contains(e.Id))];
        }
        return curve;
    }

    /// <summary>One example of each class first (so the first model can tell them apart), then seeded random ones.</summary>
    private static List<TrainingExample> InitialSet(IReadOnlyList<TrainingExample> train, int count, int seed)
    {
        var shuffled = train.ToList();
        var random = new Random(seed);
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        var first = shuffled.GroupBy(e => e.Labels.Count > 0 ? e.Labels[0] : "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()).Take(count).ToList();
        var chosen = first.ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. first, .. shuffled.Where(e => !chosen.Contains(e)).Take(count - first.Count)];
    }

    private static async Task<IReadOnlyList<RankedCandidate>> PickAsync(
        ITrainedModel model, List<TrainingExample> pool, List<TrainingExample> labelled, int count, SamplingOptions options, CancellationToken cancellationToken)
    {
        if (options.Strategy == SamplingStrategies.Random || options.RandomShare >= 1)
            return ActiveSampler.Pick([.. pool.Select(e => new Candidate(e.Id))], count, options, cancellationToken: cancellationToken);
        if (options.Strategy == SamplingStrategies.Diversity)
        {
            var embedder = model as IEmbeddingModel
                ?? throw new Core.Errors.BadInputException($"the trainer '{model.Trainer}' gives no embeddings; the diversity strategy needs them", field: "strategy");
            var poolVectors = await EmbedAsync(embedder, pool, cancellationToken);
            var labelledVectors = await EmbedAsync(embedder, labelled, cancellationToken);
            return ActiveSampler.Pick([.. pool.Select((e, i) => new Candidate(e.Id, Embedding: poolVectors[i]))], count, options, labelledVectors, cancellationToken: cancellationToken);
        }
        var answers = await PredictAsync(model, pool, cancellationToken);
        return ActiveSampler.Pick([.. pool.Select((e, i) => new Candidate(e.Id, answers[i].ClassScores ?? ScoresFromRegions(answers[i], model.Classes)))],
            count, options, cancellationToken: cancellationToken);
    }

    private static async Task<ClassificationReport> ScoreAsync(ITrainedModel model, TrainingSet data, IReadOnlyList<TrainingExample> test, CancellationToken cancellationToken)
    {
        var answers = await PredictAsync(model, test, cancellationToken);
        var cases = test.Select((e, i) => new ClassificationCase(e.Id, e.Labels, Predicted(answers[i], data.MultiLabel), answers[i].ClassScores));
        return ClassificationMetrics.Compute(cases, new ClassificationOptions { MultiLabel = data.MultiLabel, Labels = data.Classes });
    }

    /// <summary>The predicted classes: from the choices region the model answered with.</summary>
    private static IReadOnlyList<string> Predicted(ModelAnswer answer, bool multiLabel)
    {
        var region = answer.Regions.FirstOrDefault(r => r.Labels.Count > 0);
        if (region is not null) return multiLabel ? region.Labels : [region.Labels[0]];
        if (answer.ClassScores is { Count: > 0 } scores)
            return multiLabel ? [.. scores.Where(s => s.Value >= 0.5).Select(s => s.Key)] : [scores.MaxBy(s => s.Value).Key];
        return [];
    }

    // A model that answers without probabilities counts as certain of the class it chose.
    private static Dictionary<string, double> ScoresFromRegions(ModelAnswer answer, IReadOnlyList<string> classes)
    {
        var chosen = Predicted(answer, multiLabel: true).ToHashSet(StringComparer.Ordinal);
        return classes.ToDictionary(c => c, c => chosen.Contains(c) ? 1.0 : 0.0, StringComparer.Ordinal);
    }

    private static async Task<List<ModelAnswer>> PredictAsync(IItemModel model, IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(examples.Count);
        foreach (var chunk in examples.Chunk(PredictBatch))
            answers.AddRange(await model.PredictAsync([.. chunk.Select(e => new ModelInput(e.Id, e.Data))], cancellationToken));
        return answers;
    }

    private static async Task<List<SparseEmbedding>> EmbedAsync(IEmbeddingModel model, IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        var vectors = new List<SparseEmbedding>(examples.Count);
        foreach (var chunk in examples.Chunk(PredictBatch))
            vectors.AddRange((await model.EmbedAsync([.. chunk.Select(e => new ModelInput(e.Id, e.Data))], cancellationToken)).Select(SparseEmbedding.From));
        return vectors;
    }
}
