using Laoshi.Core.Errors;

namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// How suspects are judged, chosen and ordered; the defaults are what the sentiment benchmark measured best.
/// <see cref="Neighbours"/>: how many nearest neighbours vote beside each trainer's models (0: no vote).
/// </summary>
public sealed record LabelErrorOptions(
    LabelErrorFilter Filter = LabelErrorFilter.PruneByNoiseRate,
    LabelErrorRanking Ranking = LabelErrorRanking.SelfConfidence,
    int Neighbours = LabelErrorOptions.DefaultNeighbours)
{
    /// <summary>40 neighbours ranked best on the sentiment benchmark (20 and 80 came within a point).</summary>
    public const int DefaultNeighbours = 40;

    /// <summary>More neighbours than this blur every neighbourhood into the class sizes.</summary>
    public const int MaxNeighbours = 500;

    /// <summary>The filters as the CLI (--filter) and the API ("filter") spell them.</summary>
    public static readonly IReadOnlyList<string> FilterNames = ["prune-by-noise-rate", "confident-joint", "both"];

    /// <summary>The rankings as the CLI (--rank-by) and the API ("rank_by") spell them.</summary>
    public static readonly IReadOnlyList<string> RankingNames = ["self-confidence", "normalized-margin"];

    /// <summary>Options from their spelt names; null keeps the default; an unknown name is an error naming the field.</summary>
    public static LabelErrorOptions Parse(
        string? filter, string? ranking, int? neighbours = null,
        string filterField = "filter", string rankingField = "rank_by", string neighboursField = "neighbours")
    {
        var options = new LabelErrorOptions();
        if (neighbours is { } k)
            options = options with
            {
                Neighbours = k is >= 0 and <= MaxNeighbours ? k
                    : throw new BadInputException($"neighbours must be 0 (no neighbour vote) to {MaxNeighbours}, not {k}", field: neighboursField),
            };
        if (filter is not null)
            options = options with
            {
                Filter = filter switch
                {
                    "prune-by-noise-rate" => LabelErrorFilter.PruneByNoiseRate,
                    "confident-joint" => LabelErrorFilter.ConfidentJoint,
                    "both" => LabelErrorFilter.Both,
                    _ => throw new BadInputException($"'{filter}' is not a filter; use one of: {string.Join(", ", FilterNames)}", field: filterField),
                },
            };
        if (ranking is not null)
            options = options with
            {
                Ranking = ranking switch
                {
                    "self-confidence" => LabelErrorRanking.SelfConfidence,
                    "normalized-margin" or "normalised-margin" => LabelErrorRanking.NormalizedMargin,
                    _ => throw new BadInputException($"'{ranking}' is not a ranking; use one of: {string.Join(", ", RankingNames)}", field: rankingField),
                },
            };
        return options;
    }
}
