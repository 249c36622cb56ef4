using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Audio;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// What audio-mfcc learned: the feature settings, the classifier over them, and where answers go. It answers each
/// clip with one choices region (the most probable class; for multi-label every class at 0.5 or above, none when no
/// class reaches it) and every class's probability; as an embedding it gives the clip's standardised feature vector,
/// scaled to length 1.
/// </summary>
public sealed class AudioMfccModel : ITrainedModel, IEmbeddingModel
{
    private const string MetadataEntry = "audio-mfcc.json";
    private const int FormatVersion = 1;

    private readonly AudioFeatureOptions _features;
    private readonly FeatureClassifier _classifier;
    private readonly bool _multiLabel;
    private readonly string _dataField;
    private readonly ModelTarget _target;
    private readonly float[] _mean;
    private readonly float[] _spread;
    private readonly IMediaSource _media;
    private readonly int _seed;

    internal AudioMfccModel(AudioFeatureOptions features, FeatureClassifier classifier, IReadOnlyList<string> classes, bool multiLabel, string dataField,
        ModelTarget target, float[] mean, float[] spread, IMediaSource media, string version, int seed)
    {
        _features = features;
        _classifier = classifier;
        Classes = classes;
        _multiLabel = multiLabel;
        _dataField = dataField;
        _target = target;
        _mean = mean;
        _spread = spread;
        _media = media;
        Version = version;
        _seed = seed;
    }

    public string Trainer => AudioMfccTrainer.TrainerName;

    public IReadOnlyList<string> Classes { get; }

    public string Version { get; }

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = await FeaturesAsync(inputs, cancellationToken);
        var probabilities = _classifier.Probabilities(vectors);
        return [.. inputs.Select((input, i) => Answer(input, probabilities[i]))];
    }

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = await FeaturesAsync(inputs, cancellationToken);
        return [.. vectors.Select(Embedding)];
    }

    private float[] Embedding(float[] features)
    {
        var vector = new float[features.Length];
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (features[i] - _mean[i]) / _spread[i];
            norm += (double)vector[i] * vector[i];
        }
        if (norm > 0)
            for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] / Math.Sqrt(norm));
        return vector;
    }

    private async Task<List<float[]>> FeaturesAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(inputs.Count);
        foreach (var input in inputs)
        {
            var reference = AudioInput.Reference(input, _dataField);
            var clip = await AudioInput.ReadAsync(_media, input.ItemId, reference, _features.MaxSeconds, cancellationToken);
            vectors.Add(AudioFeatures.Extract(clip, _features));
        }
        return vectors;
    }

    private ModelAnswer Answer(ModelInput input, double[] probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < probabilities.Length; c++) scores[Classes[c]] = probabilities[c];
        IReadOnlyList<string> chosen = _multiLabel
            ? [.. Classes.Where((_, c) => probabilities[c] >= 0.5)]
            : [Classes[best]];
        IReadOnlyList<Region> regions = chosen.Count == 0 ? [] :
        [
            new Region
            {
                Id = $"{input.ItemId}-c",
                FromName = _target.Control,
                ToName = _target.Field,
                Type = RegionTypes.Choices,
                Labels = chosen,
                Score = probabilities[best],
            },
        ];
        return new ModelAnswer(input.ItemId, regions, probabilities[best], scores);
    }

    public async Task SaveAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var metadata = new JsonObject
            {
                ["format"] = FormatVersion,
                ["trainer"] = Trainer,
                ["classes"] = new JsonArray([.. Classes.Select(c => JsonValue.Create(c))]),
                ["multi_label"] = _multiLabel,
                ["data_field"] = _dataField,
                ["target"] = new JsonObject { ["control"] = _target.Control, ["field"] = _target.Field },
                ["features"] = new JsonObject
                {
                    ["n_mfcc"] = _features.MfccCount, ["deltas"] = _features.Deltas, ["frame_ms"] = _features.FrameMs, ["max_seconds"] = _features.MaxSeconds,
                },
                ["feature_mean"] = Numbers(_mean),
                ["feature_spread"] = Numbers(_spread),
                ["constants"] = new JsonArray([.. _classifier.Constants.Select(c => JsonValue.Create(c))]),
                ["seed"] = _seed,
            };
            await using (var entry = archive.CreateEntry(MetadataEntry).Open())
                await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(metadata.ToJsonString()), cancellationToken);
            _classifier.Save(archive);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>Reads what <see cref="SaveAsync"/> wrote; a file of another trainer or format is refused by name.</summary>
    internal static async Task<AudioMfccModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await artifact.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        try
        {
            using var archive = new ZipArchive(buffer, ZipArchiveMode.Read);
            var entry = archive.GetEntry(MetadataEntry) ?? throw new InvalidDataException($"it has no {MetadataEntry}: it was not saved by audio-mfcc");
            JsonObject metadata;
            await using (var stream = entry.Open())
                metadata = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException($"{MetadataEntry} is not a JSON object");
            if (metadata["format"]?.GetValue<int>() != FormatVersion)
                throw new InvalidDataException($"its format {metadata["format"]} is not {FormatVersion}");
            var classes = Required(metadata, "classes").AsArray().Select(c => c!.GetValue<string>()).ToList();
            var multiLabel = Required(metadata, "multi_label").GetValue<bool>();
            var f = Required(metadata, "features");
            var features = new AudioFeatureOptions(Required(f, "n_mfcc").GetValue<int>(), Required(f, "deltas").GetValue<bool>(),
                Required(f, "frame_ms").GetValue<double>(), Required(f, "max_seconds").GetValue<double>());
            var mean = Floats(Required(metadata, "feature_mean"));
            var spread = Floats(Required(metadata, "feature_spread"));
            var constants = Required(metadata, "constants").AsArray().Select(c => c!.GetValue<double>()).ToArray();
            var seed = metadata["seed"]?.GetValue<int>() ?? context.Seed;
            var classifier = FeatureClassifier.Load(archive, features.Length, classes.Count, multiLabel, constants, seed);
            var target = Required(metadata, "target");
            return new AudioMfccModel(features, classifier, classes, multiLabel, Required(metadata, "data_field").GetValue<string>(),
                new ModelTarget(Required(target, "control").GetValue<string>(), Required(target, "field").GetValue<string>()), mean, spread,
                context.Media, context.Version, seed);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or InvalidOperationException or FormatException)
        {
            throw new Core.Errors.BadInputException($"not an audio-mfcc model file: {e.Message}", field: "model");
        }
    }

    private static JsonNode Required(JsonNode node, string name) =>
        node[name] ?? throw new InvalidDataException($"{MetadataEntry} has no '{name}'");

    private static JsonArray Numbers(float[] values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static float[] Floats(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<float>())];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
