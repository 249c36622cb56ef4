using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>The parameters the embedding trainers declare: those of the linear classifier they fit on the network's vectors.</summary>
public static class LinearClassifierParameters
{
    public static IReadOnlyList<TrainerParameter> Declared { get; } =
    [
        new("epochs", ParameterTypes.Int, JsonValue.Create(40),
            "Passes over the training examples; more fits the training set closer.", Min: 1, Max: 500),
        new("learning_rate", ParameterTypes.Float, JsonValue.Create(0.01),
            "Adam's step size; too large jumps about, too small learns slowly.", Min: 1e-4, Max: 0.5, LogScale: true),
        new("l2", ParameterTypes.Float, JsonValue.Create(1e-3),
            "L2 penalty on the weights; larger keeps the classifier simpler (less overfitting on few examples).", Min: 1e-6, Max: 1, LogScale: true),
        new("threshold", ParameterTypes.Float, JsonValue.Create(0.5),
            "Multi-label only: a class is given when its probability reaches this.", Min: 0.05, Max: 0.95),
    ];

    public static LinearClassifierOptions Options(ParameterValues values) =>
        new((int)Number(values, "epochs"), Number(values, "learning_rate"), Number(values, "l2"), Number(values, "threshold"));

    // ParameterValues.Int/Float read the stored JsonValue as a double, which fails for values stored as ints (every
    // "int" parameter, given or defaulted); the number's JSON text reads back whatever its CLR type.
    private static double Number(ParameterValues values, string name) =>
        values.Values.TryGetValue(name, out var node) && node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new ArgumentException($"parameter '{name}' is not a declared number", nameof(name));
}
