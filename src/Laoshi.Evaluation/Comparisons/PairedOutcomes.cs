using Laoshi.Evaluation.Classification;

namespace Laoshi.Evaluation.Comparisons;

/// <summary>Pairs two classifiers' cases on the same test set by item, for McNemar, flips and the accuracy bootstrap.</summary>
public static class PairedOutcomes
{
    /// <summary>One outcome per item present in both lists, in the baseline's order; items in only one list are left out.</summary>
    public static IReadOnlyList<PairedOutcome> Join(IEnumerable<ClassificationCase> baseline, IEnumerable<ClassificationCase> candidate)
    {
        var candidateRight = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in candidate) candidateRight[item.Item] = item.IsCorrect;
        var outcomes = new List<PairedOutcome>();
        foreach (var item in baseline)
            if (candidateRight.TryGetValue(item.Item, out var right)) outcomes.Add(new PairedOutcome(item.Item, item.IsCorrect, right));
        return outcomes;
    }
}
