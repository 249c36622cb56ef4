using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;

namespace Laoshi.Storage;

/// <summary>How regions and item data are stored as JSON text: camelCase, nulls left out, non-ASCII kept readable
/// (so that substring search finds Chinese text as typed).</summary>
public static class RegionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(IReadOnlyList<Region> regions) => JsonSerializer.Serialize(regions, Options);

    public static IReadOnlyList<Region> Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<Region>>(json, Options) ?? [];
        }
        catch (JsonException e)
        {
            throw new BadInputException($"stored result is not a region list: {e.Message}", path: e.Path);
        }
    }
}
