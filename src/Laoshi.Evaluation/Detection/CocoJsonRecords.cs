using System.Text.Json;
using System.Text.Json.Serialization;

namespace Laoshi.Evaluation.Detection;

// The shapes of COCO's instances file and result file; only the fields evaluation reads.
internal sealed class CocoFileRecord
{
    [JsonPropertyName("images")] public List<CocoImageRecord>? Images { get; set; }
    [JsonPropertyName("annotations")] public List<CocoAnnotationRecord>? Annotations { get; set; }
    [JsonPropertyName("categories")] public List<CocoCategoryRecord>? Categories { get; set; }
}

internal sealed class CocoImageRecord
{
    [JsonPropertyName("id"), JsonConverter(typeof(CocoIdConverter))] public string? Id { get; set; }
}

internal sealed class CocoCategoryRecord
{
    [JsonPropertyName("id")] public long? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

internal sealed class CocoAnnotationRecord
{
    [JsonPropertyName("image_id"), JsonConverter(typeof(CocoIdConverter))] public string? ImageId { get; set; }
    [JsonPropertyName("category_id")] public long? CategoryId { get; set; }
    [JsonPropertyName("bbox")] public double[]? Bbox { get; set; }
    [JsonPropertyName("area")] public double? Area { get; set; }
    [JsonPropertyName("iscrowd"), JsonConverter(typeof(CocoFlagConverter))] public bool IsCrowd { get; set; }
    [JsonPropertyName("score")] public double? Score { get; set; }
}

/// <summary>COCO ids are numbers, but some tools write them as strings; both are kept as text.</summary>
internal sealed class CocoIdConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt64(out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new JsonException("an id must be a whole number"),
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("an id must be a number or a string"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>iscrowd is 0/1 in COCO files; true/false is accepted too.</summary>
internal sealed class CocoFlagConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        JsonTokenType.Number => reader.GetDouble() != 0,
        _ => throw new JsonException("iscrowd must be 0, 1, true or false"),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteNumberValue(value ? 1 : 0);
}
