using System.Text.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Formats.Tests.Support;

/// <summary>Compares JSON as data: same keys and values, numbers within a tolerance, key order ignored.</summary>
public static class JsonAssert
{
    public static void Equivalent(JsonNode? expected, JsonNode? actual, double tolerance = 1e-9, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                return;
            case JsonObject e:
                var a = Assert.IsType<JsonObject>(actual);
                Assert.True(e.Select(p => p.Key).Order().SequenceEqual(a.Select(p => p.Key).Order()),
                    $"{path}: keys differ: expected {string.Join(",", e.Select(p => p.Key))}, got {string.Join(",", a.Select(p => p.Key))}");
                foreach (var (key, node) in e)
                    Equivalent(node, a[key], tolerance, $"{path}.{key}");
                return;
            case JsonArray ea:
                var aa = Assert.IsType<JsonArray>(actual);
                Assert.True(ea.Count == aa.Count, $"{path}: expected {ea.Count} elements, got {aa.Count}");
                for (var i = 0; i < ea.Count; i++)
                    Equivalent(ea[i], aa[i], tolerance, $"{path}[{i}]");
                return;
            default:
                Assert.NotNull(actual);
                if (expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number)
                {
                    var x = double.Parse(expected.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                    var y = double.Parse(actual.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x)), $"{path}: expected {x}, got {y}");
                    return;
                }
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
                return;
        }
    }
}
