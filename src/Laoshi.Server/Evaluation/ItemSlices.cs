using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Schema;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// The slices one item belongs to, as (dimension, value): each metadata field of its data (source, language, any
/// short scalar; one level into objects such as meta.source), the length bucket of each text field, and each tag.
/// </summary>
public static class ItemSlices
{
    /// <summary>Upper ends (characters, inclusive) of the text length buckets.</summary>
    private static readonly int[] LengthEdges = [20, 50, 100, 200, 500, 1000];
    private const int MaxValueLength = 100;

    public static IEnumerable<(string Dimension, string Value)> Of(JsonObject data, ProjectSchema schema)
    {
        var fieldKeys = schema.Fields.Select(f => f.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var field in schema.Fields.Where(f => f.Kind == FieldKind.Text))
            if (data[field.Value] is JsonValue v && v.TryGetValue<string>(out var text))
                yield return ($"length({field.Value})", LengthBucket(text.Length));
        foreach (var (key, node) in data)
        {
            if (fieldKeys.Contains(key)) continue;
            if (key is "tags" && node is JsonArray tags)
            {
                // Distinct by value: a tag listed twice puts the item in its slice once.
                foreach (var name in tags.Select(Scalar).OfType<string>().Distinct(StringComparer.Ordinal))
                    yield return ("tag", name);
                continue;
            }
            if (Scalar(node) is { } value) yield return (key, value);
            else if (node is JsonObject inner)
                foreach (var (innerKey, innerNode) in inner)
                    if (Scalar(innerNode) is { } innerValue) yield return ($"{key}.{innerKey}", innerValue);
        }
    }

    /// <summary>"0-20", "21-50", "51-100", ... "1001+" characters.</summary>
    public static string LengthBucket(int length)
    {
        var low = 0;
        foreach (var high in LengthEdges)
        {
            if (length <= high) return string.Create(CultureInfo.InvariantCulture, $"{low}-{high}");
            low = high + 1;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{low}+");
    }

    private static string? Scalar(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.String when value.GetValue<string>() is { Length: > 0 and <= MaxValueLength } s && !s.StartsWith("/api/v1/blobs/", StringComparison.Ordinal) => s,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
    }
}
