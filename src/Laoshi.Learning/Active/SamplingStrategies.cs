namespace Laoshi.Learning.Active;

/// <summary>
/// The ways active learning picks the next items to label, as `laoshi simulate active-learning --strategy` and the
/// project's distribution "order" spell them.
/// </summary>
public static class SamplingStrategies
{
    /// <summary>Items in a seeded random order: the baseline every other strategy is measured against.</summary>
    public const string Random = "random";

    /// <summary>The items whose most likely class is least likely (1 − top probability).</summary>
    public const string LeastConfidence = "least-confidence";

    /// <summary>The items whose two most likely classes are closest (1 − (p1 − p2)).</summary>
    public const string Margin = "margin";

    /// <summary>The items whose class probabilities spread most evenly (entropy over log of the class count).</summary>
    public const string Entropy = "entropy";

    /// <summary>Items far from everything labelled or picked before (k-center greedy on the model's embeddings).</summary>
    public const string Diversity = "diversity";

    public static readonly IReadOnlyList<string> All = [Random, LeastConfidence, Margin, Entropy, Diversity];

    /// <summary>The strategies that read class probabilities.</summary>
    public static bool UsesScores(string strategy) => strategy is LeastConfidence or Margin or Entropy;

    public static bool IsKnown(string strategy) => All.Contains(strategy, StringComparer.Ordinal);
}
