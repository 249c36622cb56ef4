using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>The parameters the embedding trainers declare: those of the linear classifier they fit on the network's vectors.</summary>
public static class LinearClassifierParameters
{
    /// <param name="l2">The penalty's default, which suits each network's vectors differently.</param>
    public static IReadOnlyList<TrainerParameter> Declared(double l2) =>
    [
        new("epochs", ParameterTypes.Int, JsonValue.Create(20),
            "Passes over the training examples; more fits the training set closer.", Min: 1, Max: 500),
        new("learning_rate", ParameterTypes.Float, JsonValue.Create(0.003),
            "Adam's step size; too large jumps about, too small learns slowly.", Min: 1e-4, Max: 0.5, LogScale: true),
        new("l2", ParameterTypes.Float, JsonValue.Create(l2),
            "L2 penalty on the weights; larger keeps the classifier simpler (less overfitting on few examples).", Min: 1e-6, Max: 1, LogScale: true),
        new("threshold", ParameterTypes.Float, JsonValue.Create(0.5),
            "Multi-label only: a class is given when its probability reaches this.", Min: 0.05, Max: 0.95),
    ];

    public static LinearClassifierOptions Options(ParameterValues values) =>
        new(values.Int("epochs"), values.Float("learning_rate"), values.Float("l2"), values.Float("threshold"));
}
