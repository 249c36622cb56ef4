using System.Text.Json.Nodes;

namespace Laoshi.Storage;

/// <summary>Item data as stored text and back.</summary>
internal static class JsonText
{
    public static string Write(JsonObject data) => data.ToJsonString(RegionJson.Options);

    public static JsonObject Read(string text) => JsonNode.Parse(text) as JsonObject ?? [];
}
