using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Laoshi.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Laoshi.Server.Api;

/// <summary>JSON conventions of the HTTP API: Label Studio's snake_case, nulls omitted, bodies read with clear errors.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    /// <summary>Reads the request body as a JSON object; a malformed body is a 400 naming line and position.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"request body is not valid JSON: {e.Message}", line: e.LineNumber + 1, path: e.Path);
        }
        return node as JsonObject ?? throw new BadInputException("request body must be a JSON object", path: "$");
    }

    public static string? OptionalString(JsonObject body, string field)
    {
        var node = body[field];
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        throw new BadInputException($"'{field}' must be a string", path: $"$.{field}", field: field);
    }

    public static string RequiredString(JsonObject body, string field) =>
        OptionalString(body, field) is { Length: > 0 } text
            ? text
            : throw new BadInputException($"'{field}' is required", path: $"$.{field}", field: field);

    public static double? OptionalNumber(JsonObject body, string field)
    {
        var node = body[field];
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number)) return number;
        throw new BadInputException($"'{field}' must be a number", path: $"$.{field}", field: field);
    }

    public static JsonArray RequiredArray(JsonObject body, string field) =>
        body[field] as JsonArray ?? throw new BadInputException($"'{field}' must be an array", path: $"$.{field}", field: field);
}
