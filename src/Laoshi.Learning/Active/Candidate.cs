namespace Laoshi.Learning.Active;

/// <summary>
/// One unlabelled item the strategies may pick: its id, the model's probability per class (for the uncertainty
/// strategies) and the model's embedding of it (for diversity). Only what the chosen strategy reads must be given.
/// </summary>
public sealed record Candidate(string Id, IReadOnlyDictionary<string, double>? ClassScores = null, SparseEmbedding? Embedding = null);

/// <summary>
/// A picked item in the order it should be labelled. Priority falls along the order (higher = label sooner): the
/// uncertainty score, the distance to the nearest labelled or earlier-picked item for diversity, the rank for random.
/// Random: it is one of the random share, not the strategy's choice.
/// </summary>
public sealed record RankedCandidate(string Id, double Priority, bool Random);

/// <summary>
/// Which strategy picks, the share of each batch drawn at random instead (0..1; it keeps the labelled set from drifting
/// into one corner the model happens to be unsure about), and the seed for everything random.
/// </summary>
public sealed record SamplingOptions(string Strategy, double RandomShare = 0, int Seed = 1)
{
    public SamplingOptions Checked()
    {
        if (!SamplingStrategies.IsKnown(Strategy))
            throw new Core.Errors.BadInputException(
                $"unknown strategy '{Strategy}'; the strategies are: {string.Join(", ", SamplingStrategies.All)}", field: "strategy");
        if (RandomShare is < 0 or > 1 or double.NaN)
            throw new Core.Errors.BadInputException("the random share must be 0 to 1", field: "random_share");
        return this;
    }
}
