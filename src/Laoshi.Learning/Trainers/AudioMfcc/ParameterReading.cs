using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// Reads numeric parameters whatever CLR type their JSON value was built from: ParameterValues.Int/Float ask the
/// node for a double, which a node made from an int (a declared default such as 13, or a checked int) refuses.
/// </summary>
internal static class ParameterReading
{
    public static double Number(this ParameterValues values, string name) =>
        values.Values.TryGetValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"parameter '{name}' is not a declared number", nameof(name));

    public static int Whole(this ParameterValues values, string name) => (int)Math.Round(values.Number(name));
}
