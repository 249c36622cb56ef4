using System.Text.Json.Serialization;

namespace Laoshi.Storage;

/// <param name="Annotated">Items with at least one current annotation.</param>
/// <param name="Annotations">Current annotations (each user's newest per item).</param>
/// <param name="ByLabel">Per label, regions carrying it in current annotations.</param>
/// <param name="Progress">Annotated items over all items, 0..1.</param>
public sealed record ProjectStats(
    [property: JsonPropertyName("items")] long Items,
    [property: JsonPropertyName("annotated")] long Annotated,
    [property: JsonPropertyName("annotations")] long Annotations,
    [property: JsonPropertyName("predictions")] long Predictions,
    [property: JsonPropertyName("by_status")] IReadOnlyDictionary<string, long> ByStatus,
    [property: JsonPropertyName("by_label")] IReadOnlyDictionary<string, long> ByLabel,
    [property: JsonPropertyName("progress")] double Progress);
