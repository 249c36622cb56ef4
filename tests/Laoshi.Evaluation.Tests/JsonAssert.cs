using System.Text.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Tests;

/// <summary>Equal JSON trees, numbers within a relative 1e-12 (sums in another order differ in the last bits).</summary>
public static class JsonAssert
{
    public static void Close(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonObject obj:
                var other = Assert.IsType<JsonObject>(actual);
                Assert.Equal(obj.Select(p => p.Key).Order(), other.Select(p => p.Key).Order());
                foreach (var (key, value) in obj) Close(value, other[key], $"{path}.{key}");
                break;
            case JsonArray array:
                var list = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, list.Count);
                for (var i = 0; i < array.Count; i++) Close(array[i], list[i], $"{path}[{i}]");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var a = PythonReference.Number(value);
                var b = PythonReference.Number(actual);
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)), $"{path}: {a} vs {b}");
                break;
            default:
                Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
                break;
        }
    }
}
