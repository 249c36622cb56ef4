using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// The ner model's one file: gzip over a small binary layout — a marker and format number, the settings (JSON),
/// where answers go, the entity types, then the transition weights and every kept feature with its weight per tag.
/// Weights are written as the exact floats, so a loaded model answers exactly as the saved one did.
/// </summary>
public static class NerModelFile
{
    private const string Marker = "laoshi-ner";
    private const int Format = 1;

    public static async Task WriteAsync(NerModel model, Stream destination, CancellationToken cancellationToken)
    {
        // Built in memory first: BinaryWriter writes synchronously, and some destinations (HTTP bodies) allow only async writes.
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        await using (var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Marker);
            writer.Write(Format);
            writer.Write(model.Settings.ToJson().ToJsonString());
            writer.Write(model.DataField);
            writer.Write(model.Target.Control);
            writer.Write(model.Target.Field);
            writer.Write(model.Classes.Count);
            foreach (var type in model.Classes) writer.Write(type);
            Floats(writer, model.Transition, 0, model.Transition.Length);
            var tagCount = new BioTags(model.Classes.Count).Count;
            writer.Write(model.FeatureNames.Count);
            for (var f = 0; f < model.FeatureNames.Count; f++)
            {
                writer.Write(model.FeatureNames[f]);
                Floats(writer, model.Emission, f * tagCount, tagCount);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken);
    }

    public static async Task<NerModel> ReadAsync(Stream source, string version, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        try
        {
            await using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
            using var reader = new BinaryReader(gzip, Encoding.UTF8);
            if (reader.ReadString() != Marker) throw NotAModel();
            var format = reader.ReadInt32();
            if (format != Format) throw new BadInputException($"this ner model file has format {format}; this Laoshi reads format {Format}", field: "file");
            var settings = Settings(JsonNode.Parse(reader.ReadString()) as JsonObject ?? throw NotAModel());
            var dataField = reader.ReadString();
            var target = new ModelTarget(reader.ReadString(), reader.ReadString());
            var types = new string[Count(reader, 10_000)];
            for (var i = 0; i < types.Length; i++) types[i] = reader.ReadString();
            var tagCount = new BioTags(types.Length).Count;
            var transition = new float[(tagCount + 1) * tagCount];
            ReadFloats(reader, transition, 0, transition.Length);
            var featureCount = Count(reader, int.MaxValue / tagCount);
            var names = new string[featureCount];
            var emission = new float[featureCount * tagCount];
            for (var f = 0; f < featureCount; f++)
            {
                names[f] = reader.ReadString();
                ReadFloats(reader, emission, f * tagCount, tagCount);
            }
            return new NerModel(version, types, dataField, target, settings, names, emission, transition);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or System.Text.Json.JsonException or FormatException)
        {
            throw NotAModel();
        }
    }

    private static NerSettings Settings(JsonObject json) => new(
        Value<int>(json, "epochs"), Value<int>(json, "window"), Value<int>(json, "affix_length"),
        Value<int>(json, "min_feature_count"), Value<double>(json, "word_dropout"), Mode(Value<string>(json, "tokenization")),
        Value<bool>(json, "averaged"));

    private static string Mode(string tokenization) => TextTokenizer.Modes.Contains(tokenization) ? tokenization : throw NotAModel();

    private static T Value<T>(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<T>(out var result) ? result : throw NotAModel();

    private static int Count(BinaryReader reader, int most)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= most ? count : throw NotAModel();
    }

    private static void Floats(BinaryWriter writer, float[] values, int from, int count)
    {
        for (var i = from; i < from + count; i++) writer.Write(values[i]);
    }

    private static void ReadFloats(BinaryReader reader, float[] values, int from, int count)
    {
        for (var i = from; i < from + count; i++) values[i] = reader.ReadSingle();
    }

    private static BadInputException NotAModel() => new("the file is not a model saved by the ner trainer", field: "file");
}
