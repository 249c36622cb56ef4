namespace Laoshi.Quality;

/// <summary>One agreed label for an item, with how sure the method is (vote share, or posterior probability).</summary>
public sealed record ConsensusLabel(string Item, string Label, double Confidence);

/// <summary>
/// The agreed label of every item of <see cref="Table"/> (ids into Table.Labels), in the table's item order.
/// Dawid–Skene fills the iteration fields and each annotator's confusion matrix; majority vote leaves them empty.
/// </summary>
public sealed record ConsensusResult(RatingTable Table, int[] ItemLabels, double[] Confidence, int Iterations = 0, bool Converged = true)
{
    /// <summary>Dawid–Skene: P(annotator a says l | truth k) at [(a · K + l) · K + k]; empty for majority vote.</summary>
    public double[] Confusion { get; init; } = [];

    /// <summary>Dawid–Skene: the full posterior P(truth k | item i) at [i · K + k]; empty for majority vote.</summary>
    public double[] Posterior { get; init; } = [];

    public IEnumerable<ConsensusLabel> Labels()
    {
        for (var item = 0; item < ItemLabels.Length; item++)
            yield return new ConsensusLabel(Table.Items[item], Table.Labels[ItemLabels[item]], Confidence[item]);
    }

    /// <summary>Dawid–Skene: how often an annotator's label matches the truth, weighting true classes by their prior share.</summary>
    public double? Accuracy(int annotator, double[] classShares)
    {
        if (Confusion.Length == 0) return null;
        var k = Table.LabelCount;
        double accuracy = 0;
        for (var c = 0; c < k; c++) accuracy += classShares[c] * Confusion[(annotator * k + c) * k + c];
        return accuracy;
    }
}
