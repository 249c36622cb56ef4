using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// What the ner trainer learned: the feature names it kept, a weight per feature and tag, and the tag transitions.
/// It answers each item with one "labels" region per entity it finds (start, end and text on the data field, as
/// annotated spans are stored), scored with the lowest probability any of the span's tokens has for its tag; the
/// answer's Score is the lowest such probability over the whole text (low = the model is unsure somewhere).
/// As an <see cref="IEmbeddingModel"/> it places a text by the features it knows there (folded into
/// <see cref="EmbeddingSize"/> slots by feature number), so texts with similar words and contexts lie close.
/// </summary>
public sealed class NerModel : ITrainedModel, IEmbeddingModel
{
    public const int EmbeddingSize = 256;

    private readonly Dictionary<string, int> _featureIds;
    private readonly TokenFeatures _features;
    private readonly int _tagCount;

    public NerModel(
        string version, IReadOnlyList<string> types, string dataField, ModelTarget target, NerSettings settings,
        IReadOnlyList<string> featureNames, float[] emission, float[] transition)
    {
        _tagCount = new BioTags(types.Count).Count;
        if (emission.Length != featureNames.Count * _tagCount || transition.Length != (_tagCount + 1) * _tagCount)
            throw new ArgumentException("the weights do not match the features and tags");
        Version = version;
        Classes = types;
        DataField = dataField;
        Target = target;
        Settings = settings;
        FeatureNames = featureNames;
        Emission = emission;
        Transition = transition;
        _featureIds = new Dictionary<string, int>(featureNames.Count, StringComparer.Ordinal);
        for (var i = 0; i < featureNames.Count; i++) _featureIds[featureNames[i]] = i;
        _features = new TokenFeatures(settings.Window, settings.AffixLength);
    }

    public string Version { get; }

    public string Trainer => NerTrainer.TrainerName;

    /// <summary>The entity types it can find, in the order of its tags.</summary>
    public IReadOnlyList<string> Classes { get; }

    public string DataField { get; }

    public ModelTarget Target { get; }

    public NerSettings Settings { get; }

    internal IReadOnlyList<string> FeatureNames { get; }

    internal float[] Emission { get; }

    internal float[] Transition { get; }

    public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(inputs.Count);
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            answers.Add(Answer(input));
        }
        return Task.FromResult<IReadOnlyList<ModelAnswer>>(answers);
    }

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(inputs.Count);
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = TextOf(input);
            var vector = new float[EmbeddingSize];
            foreach (var token in FeatureIds(text, TextTokenizer.Tokenize(text, Settings.Tokenization)))
                foreach (var id in token)
                    if (id >= 0) vector[id % EmbeddingSize]++;
            var length = MathF.Sqrt(vector.Sum(v => v * v));
            if (length > 0)
                for (var i = 0; i < vector.Length; i++) vector[i] /= length;
            vectors.Add(vector);
        }
        return Task.FromResult<IReadOnlyList<float[]>>(vectors);
    }

    /// <summary>The entities in one text, character offsets [Start, End), each with its confidence.</summary>
    public IReadOnlyList<FoundEntity> Find(string text) => Tag(text).Entities;

    private string TextOf(ModelInput input) => input.Data[DataField] switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        null => throw new BadInputException($"item {input.ItemId} has no '{DataField}' text to tag", path: $"data.{DataField}", field: DataField),
        _ => throw new BadInputException($"item {input.ItemId}: '{DataField}' must be text", path: $"data.{DataField}", field: DataField),
    };

    /// <summary>Each token's features as the model's numbers; -1 for a feature it never kept.</summary>
    private int[][] FeatureIds(string text, List<TextToken> tokens) =>
        [.. _features.Extract(text, tokens).Select(names => names.Select(name => _featureIds.TryGetValue(name, out var id) ? id : -1).ToArray())];

    private ModelAnswer Answer(ModelInput input)
    {
        var text = TextOf(input);
        var tagged = Tag(text);
        var regions = tagged.Entities.Select((entity, n) => new Region
        {
            Id = $"{input.ItemId}-e{n}",
            FromName = Target.Control,
            ToName = Target.Field,
            Type = RegionTypes.Labels,
            Labels = [entity.Label],
            Start = entity.Start,
            End = entity.End,
            Text = text[entity.Start..entity.End],
            Score = entity.Score,
        }).ToList();
        return new ModelAnswer(input.ItemId, regions, tagged.Confidence);
    }

    /// <summary>
    /// Tags one text. Confidence is the lowest probability the model gives its own tag at any token (null for a text
    /// without tokens); an entity's score is the lowest over its own tokens.
    /// </summary>
    private (IReadOnlyList<FoundEntity> Entities, double? Confidence) Tag(string text)
    {
        var tokens = TextTokenizer.Tokenize(text, Settings.Tokenization);
        if (tokens.Count == 0) return ([], null);
        var ids = FeatureIds(text, tokens);
        var emissions = SequenceDecoder.Emissions(ids, Emission, _tagCount);
        var tags = SequenceDecoder.Viterbi(emissions, tokens.Count, Transition, _tagCount);
        var marginals = SequenceDecoder.Marginals(emissions, tokens.Count, Transition, _tagCount);
        double Sure(int from, int to)
        {
            var lowest = 1.0;
            for (var i = from; i < to; i++) lowest = Math.Min(lowest, marginals[i * _tagCount + tags[i]]);
            return lowest;
        }
        var entities = BioTags.Decode(tags)
            .Select(span => new FoundEntity(tokens[span.FirstToken].Start, tokens[span.EndToken - 1].End, Classes[span.Type], Sure(span.FirstToken, span.EndToken)))
            .ToList();
        return (entities, Sure(0, tokens.Count));
    }

    public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => NerModelFile.WriteAsync(this, destination, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
