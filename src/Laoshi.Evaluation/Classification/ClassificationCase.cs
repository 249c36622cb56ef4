namespace Laoshi.Evaluation.Classification;

/// <summary>
/// One item's true labels beside a model's predicted labels (one each for binary and multi-class; any number for
/// multi-label), with the model's score per class when it gives them (for ROC/PR curves and calibration).
/// </summary>
public sealed record ClassificationCase(
    string Item,
    IReadOnlyList<string> Truth,
    IReadOnlyList<string> Predicted,
    IReadOnlyDictionary<string, double>? Scores = null)
{
    /// <summary>Right when the predicted labels are exactly the true ones (as sets): accuracy's and McNemar's notion of right.</summary>
    public bool IsCorrect => Truth.Count == Predicted.Count && (Truth.Count == 1
        ? Truth[0] == Predicted[0]
        : new HashSet<string>(Truth, StringComparer.Ordinal).SetEquals(Predicted));
}
