using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// What the embedding trainers share: run the network over the examples, fit the linear classifier on the vectors,
/// and read a saved classifier back on top of the same network.
/// </summary>
internal static class EmbeddingClassifierTraining
{
    public static async Task<ITrainedModel> TrainAsync(
        string trainer, Func<string, IFeatureExtractor> features, TrainingSet data, ParameterValues parameters, TrainingContext context,
        CancellationToken cancellationToken)
    {
        if (data.Examples.Count == 0) throw new BadInputException($"{trainer} needs at least one example to learn from", field: "examples");
        if (data.Classes.Count < (data.MultiLabel ? 1 : 2))
            throw new BadInputException($"{trainer} needs at least two classes to tell apart", field: "classes");
        var classIndex = data.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var labels = data.Examples.Select(example =>
        {
            if (!data.MultiLabel && example.Labels.Count == 0)
                throw new BadInputException($"example {example.Id} has no label", path: $"{example.Id}.label", field: "label");
            IReadOnlyList<string> given = data.MultiLabel ? example.Labels : [example.Labels[0]];
            return (IReadOnlyList<int>)[.. given.Distinct(StringComparer.Ordinal).Select(label => classIndex.TryGetValue(label, out var index)
                ? index
                : throw new BadInputException($"example {example.Id} has the label '{label}', which is not one of the classes", path: $"{example.Id}.label", field: "label"))];
        }).ToList();
        var options = LinearClassifierParameters.Options(parameters);
        var extractor = features(data.DataField);
        var report = context.Progress;
        report?.Report(new TrainingProgress(0, $"{extractor.Network}: reading {data.Examples.Count} examples"));
        var vectors = await extractor.ExtractAsync(
            [.. data.Examples.Select(e => new ModelInput(e.Id, e.Data))],
            report is null ? null : new ProgressRelay(share => report.Report(new TrainingProgress(0.8 * share, $"{extractor.Network}: vectors"))),
            cancellationToken);
        report?.Report(new TrainingProgress(0.8, "fitting the linear classifier"));
        var classifier = await Task.Run(() => LinearClassifierFitter.Fit(
            vectors, labels, data.Classes, data.MultiLabel, options, context.Seed,
            report is null ? null : share => report.Report(new TrainingProgress(0.8 + 0.2 * share, "fitting the linear classifier")),
            cancellationToken), cancellationToken);
        return new EmbeddingClassifierModel(trainer, extractor, classifier, data.Target, data.DataField, options.Threshold, context.Version);
    }

    public static async Task<ITrainedModel> LoadAsync(
        string trainer, Func<string, IFeatureExtractor> features, Stream artifact, TrainingContext context, CancellationToken cancellationToken)
    {
        var saved = await EmbeddingClassifierArtifact.ReadAsync(artifact, trainer, cancellationToken);
        var extractor = features(saved.DataField);
        if (saved.Network != extractor.Network)
            throw new BadInputException($"this {trainer} model was fitted on {saved.Network} vectors, but the network here is {extractor.Network}", field: "file");
        var classifier = new LinearClassifier(saved.Classes, saved.MultiLabel, saved.Mean, saved.Scale, saved.Weights, saved.Bias);
        return new EmbeddingClassifierModel(trainer, extractor, classifier, new ModelTarget(saved.Control, saved.Field), saved.DataField,
            saved.Threshold, context.Version);
    }
}
