using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// Reads a number parameter whatever CLR type its JSON value holds. ParameterValues.Int/Float ask for a double, which a
/// JsonValue made from an int (every int default, and every checked int value) refuses, so int parameters are read here.
/// </summary>
internal static class ParameterNumbers
{
    public static double Number(ParameterValues values, string name)
    {
        if (values.Values.TryGetValue(name, out var node) && node is JsonValue value)
        {
            if (value.TryGetValue<double>(out var d)) return d;
            if (value.TryGetValue<int>(out var i)) return i;
            if (value.TryGetValue<long>(out var l)) return l;
            if (value.TryGetValue<float>(out var f)) return f;
            if (value.TryGetValue<decimal>(out var m)) return (double)m;
        }
        throw new ArgumentException($"parameter '{name}' is not a declared number", nameof(name));
    }

    public static int Int(ParameterValues values, string name) => (int)Number(values, name);
}
