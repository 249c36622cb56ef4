using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// A linear classifier over a pretrained network's vectors. Each answer is one choices region: the most probable class
/// (single-label), or every class whose probability reaches the threshold (multi-label; the most probable one when none
/// does, since a choices answer names at least one class); every class's probability is in ClassScores. Its vectors,
/// scaled to unit length, are its embeddings. Disposing it leaves the shared network loaded.
/// </summary>
public sealed class EmbeddingClassifierModel : ITrainedModel, IEmbeddingModel
{
    private readonly IFeatureExtractor _features;

    internal EmbeddingClassifierModel(
        string trainer, IFeatureExtractor features, LinearClassifier classifier, ModelTarget target, string dataField, double threshold, string version)
    {
        Trainer = trainer;
        _features = features;
        Classifier = classifier;
        Target = target;
        DataField = dataField;
        Threshold = threshold;
        Version = version;
    }

    public string Trainer { get; }
    public string Version { get; }
    public IReadOnlyList<string> Classes => Classifier.Classes;
    public LinearClassifier Classifier { get; }
    public ModelTarget Target { get; }
    public string DataField { get; }
    public double Threshold { get; }

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = await _features.ExtractAsync(inputs, null, cancellationToken);
        return [.. inputs.Select((input, i) => Answer(input, Classifier.Probabilities(vectors[i])))];
    }

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = await _features.ExtractAsync(inputs, null, cancellationToken);
        return [.. vectors.Select(v => Vectors.Normalised([.. v]))];
    }

    public Task SaveAsync(Stream destination, CancellationToken cancellationToken) =>
        new EmbeddingClassifierArtifact(
            EmbeddingClassifierArtifact.FormatName, Trainer, _features.Network, DataField, Target.Control, Target.Field,
            Classifier.MultiLabel, Threshold, Classifier.Classes, Classifier.Mean, Classifier.Scale, Classifier.Weights, Classifier.Bias)
            .WriteAsync(destination, cancellationToken);

    private ModelAnswer Answer(ModelInput input, double[] probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        IReadOnlyList<string> chosen = Classifier.MultiLabel
            ? [.. Classes.Where((_, c) => probabilities[c] >= Threshold)]
            : [Classes[best]];
        if (chosen.Count == 0) chosen = [Classes[best]];
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < probabilities.Length; c++) scores[Classes[c]] = probabilities[c];
        var region = new Region
        {
            Id = $"{input.ItemId}-c",
            FromName = Target.Control,
            ToName = Target.Field,
            Type = RegionTypes.Choices,
            Labels = chosen,
            Score = probabilities[best],
        };
        return new ModelAnswer(input.ItemId, [region], probabilities[best], scores);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
