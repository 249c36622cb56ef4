using System.IO.Compression;
using System.Text.Json;
using Laoshi.Core.Errors;
using Microsoft.ML;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// A text-ngram model as one file: a zip holding manifest.json, the ML.NET featuriser (featurizer.zip) and either
/// classifier.zip (one label per text) or class-N.zip per class (multi-label; absent where the class's probability is
/// a constant in the manifest).
/// </summary>
internal static class TextNgramArtifact
{
    private const string ManifestEntry = "manifest.json";
    private const string FeaturizerEntry = "featurizer.zip";
    private const string ClassifierEntry = "classifier.zip";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string ClassEntry(int index) => $"class-{index}.zip";

    public static async Task SaveAsync(TextNgramModel model, Stream destination, CancellationToken cancellationToken)
    {
        // ML.NET writes models synchronously; the zip is built in memory and then copied out asynchronously.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var manifest = zip.CreateEntry(ManifestEntry).Open())
                await JsonSerializer.SerializeAsync(manifest, model.Manifest, Json, cancellationToken);
            Write(zip, FeaturizerEntry, model.Featurizer, model.FeaturizerInput);
            if (model.MulticlassModel is { } multiclass) Write(zip, ClassifierEntry, multiclass, model.ClassifierInput);
            for (var c = 0; c < model.PerClassModels.Count; c++)
                if (model.PerClassModels[c] is { } binary) Write(zip, ClassEntry(c), binary, model.ClassifierInput);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken);
    }

    public static async Task<TextNgramModel> LoadAsync(Stream artifact, string version, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await artifact.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw NotAModel("it has no manifest.json");
            TextNgramManifest manifest;
            await using (var stream = manifestEntry.Open())
                manifest = await JsonSerializer.DeserializeAsync<TextNgramManifest>(stream, Json, cancellationToken)
                    ?? throw NotAModel("its manifest.json is empty");
            if (manifest.Format != TextNgramManifest.CurrentFormat)
                throw NotAModel($"its format is '{manifest.Format}', this version reads '{TextNgramManifest.CurrentFormat}'");
            var ml = new MLContext(seed: 0);
            var (featurizer, featurizerInput) = Read(ml, zip, FeaturizerEntry) ?? throw NotAModel("it has no featurizer.zip");
            if (!manifest.MultiLabel)
            {
                var (classifier, classifierInput) = Read(ml, zip, ClassifierEntry) ?? throw NotAModel("it has no classifier.zip");
                return new TextNgramModel(ml, manifest, featurizer, featurizerInput, classifier, [], classifierInput, version);
            }
            var perClass = new ITransformer?[manifest.Classes.Count];
            DataViewSchema? input = null;
            for (var c = 0; c < perClass.Length; c++)
            {
                if (Read(ml, zip, ClassEntry(c)) is not var (binary, schema))
                {
                    if (manifest.ConstantProbabilities.ElementAtOrDefault(c) is null) throw NotAModel($"it has no model for class '{manifest.Classes[c]}'");
                    continue;
                }
                perClass[c] = binary;
                input = schema;
            }
            return new TextNgramModel(ml, manifest, featurizer, featurizerInput, null, perClass, input ?? featurizerInput, version);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
        {
            throw NotAModel(e.Message);
        }
    }

    private static void Write(ZipArchive zip, string name, ITransformer model, DataViewSchema input)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var inner = new MemoryStream();
        new MLContext(seed: 0).Model.Save(model, input, inner);
        inner.Position = 0;
        inner.CopyTo(stream);
    }

    private static (ITransformer Model, DataViewSchema Input)? Read(MLContext ml, ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        // ML.NET needs a seekable stream; zip entries are not.
        using var inner = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(inner);
        inner.Position = 0;
        var model = ml.Model.Load(inner, out var input);
        return (model, input);
    }

    private static BadInputException NotAModel(string why) =>
        new($"this is not a text-ngram model file: {why}", field: "file");
}
