using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// A trained text-ngram model: the fitted featuriser and either one softmax classifier (one label per text) or one
/// calibrated yes/no classifier per class (multi-label, chosen when its probability is at least 0.5). Answers carry
/// every class's probability in ClassScores. Its embedding is the item's unit-length n-gram vector, folded into
/// <see cref="EmbeddingSize"/> dimensions by feature hashing so that distances stay close and vectors stay small.
/// </summary>
public sealed class TextNgramModel : ITrainedModel, IEmbeddingModel
{
    /// <summary>Length of the vectors <see cref="EmbedAsync"/> returns.</summary>
    public const int EmbeddingSize = 1024;

    /// <summary>The probability at or above which a multi-label model chooses a class.</summary>
    public const double MultiLabelThreshold = 0.5;

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly ITransformer? _multiclass;
    private readonly IReadOnlyList<ITransformer?> _perClass;

    internal TextNgramModel(
        MLContext ml, TextNgramManifest manifest, ITransformer featurizer, DataViewSchema featurizerInput,
        ITransformer? multiclass, IReadOnlyList<ITransformer?> perClass, DataViewSchema classifierInput, string version)
    {
        _ml = ml;
        Manifest = manifest;
        _featurizer = featurizer;
        FeaturizerInput = featurizerInput;
        _multiclass = multiclass;
        _perClass = perClass;
        ClassifierInput = classifierInput;
        Version = version;
    }

    public string Trainer => TextNgramTrainer.TrainerName;

    public string Version { get; }

    public IReadOnlyList<string> Classes => Manifest.Classes;

    public bool MultiLabel => Manifest.MultiLabel;

    /// <summary>The parameters it was trained with.</summary>
    public JsonObject Parameters => (JsonObject)Manifest.Parameters.DeepClone();

    internal TextNgramManifest Manifest { get; }

    internal DataViewSchema FeaturizerInput { get; }

    internal DataViewSchema ClassifierInput { get; }

    internal ITransformer Featurizer => _featurizer;

    internal ITransformer? MulticlassModel => _multiclass;

    internal IReadOnlyList<ITransformer?> PerClassModels => _perClass;

    public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return Task.FromResult<IReadOnlyList<ModelAnswer>>([]);
        var texts = Texts(inputs);
        return Task.Run<IReadOnlyList<ModelAnswer>>(() =>
        {
            var probabilities = Probabilities(texts, cancellationToken);
            return [.. inputs.Select((input, i) => Answer(input, probabilities[i]))];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return Task.FromResult<IReadOnlyList<float[]>>([]);
        var texts = Texts(inputs);
        return Task.Run<IReadOnlyList<float[]>>(() =>
        {
            var features = Featurize(texts);
            var vectors = new List<float[]>(texts.Count);
            foreach (var row in features.GetColumn<VBuffer<float>>(NgramColumns.Features))
            {
                cancellationToken.ThrowIfCancellationRequested();
                vectors.Add(HashedProjection.Fold(row, EmbeddingSize));
            }
            return vectors;
        }, cancellationToken);
    }

    /// <summary>Every class's probability for each text, in <see cref="Classes"/> order.</summary>
    internal double[][] Probabilities(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var classes = Classes.Count;
        var result = new double[texts.Count][];
        for (var i = 0; i < result.Length; i++) result[i] = new double[classes];
        var features = Featurize(texts);
        if (_multiclass is not null)
        {
            var row = 0;
            foreach (var score in _multiclass.Transform(features).GetColumn<VBuffer<float>>(NgramColumns.Score))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var values = score.DenseValues().Take(classes).ToArray();
                for (var c = 0; c < values.Length; c++) result[row][c] = values[c];
                row++;
            }
            return result;
        }
        for (var c = 0; c < classes; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_perClass[c] is not { } model)
            {
                var constant = Manifest.ConstantProbabilities[c] ?? 0;
                foreach (var probabilities in result) probabilities[c] = constant;
                continue;
            }
            var row = 0;
            foreach (var probability in model.Transform(features).GetColumn<float>(NgramColumns.Probability))
                result[row++][c] = probability;
        }
        return result;
    }

    private IDataView Featurize(IReadOnlyList<string> texts) =>
        _featurizer.Transform(_ml.Data.LoadFromEnumerable(texts.Select(t => new UnlabelledTextRow { Text = t })));

    private List<string> Texts(IReadOnlyList<ModelInput> inputs) =>
        [.. inputs.Select(input => TextNgramTrainer.TextOf(input.Data, Manifest.DataField, $"item {input.ItemId}"))];

    private ModelAnswer Answer(ModelInput input, double[] probabilities)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < probabilities.Length; c++) scores[Classes[c]] = probabilities[c];
        if (!MultiLabel)
        {
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++)
                if (probabilities[c] > probabilities[best]) best = c;
            return new ModelAnswer(input.ItemId, [Region(input, [Classes[best]], probabilities[best])], probabilities[best], scores);
        }
        var chosen = Enumerable.Range(0, probabilities.Length).Where(c => probabilities[c] >= MultiLabelThreshold).ToList();
        if (chosen.Count == 0)
        {
            // Nothing chosen: the answer's confidence is that no class applies.
            return new ModelAnswer(input.ItemId, [], 1 - probabilities.DefaultIfEmpty(0).Max(), scores);
        }
        // The answer holds only as far as its least certain class does.
        var score = chosen.Min(c => probabilities[c]);
        return new ModelAnswer(input.ItemId, [Region(input, [.. chosen.Select(c => Classes[c])], score)], score, scores);
    }

    private Region Region(ModelInput input, IReadOnlyList<string> labels, double score) => new()
    {
        Id = $"{input.ItemId}-c",
        FromName = Manifest.TargetControl,
        ToName = Manifest.TargetField,
        Type = RegionTypes.Choices,
        Labels = labels,
        Score = score,
    };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task SaveAsync(Stream destination, CancellationToken cancellationToken) =>
        TextNgramArtifact.SaveAsync(this, destination, cancellationToken);
}
