namespace Laoshi.Learning.LabelErrors;

/// <summary>How suspects are chosen and ordered; the defaults are what the sentiment benchmark measured best.</summary>
public sealed record LabelErrorOptions(
    LabelErrorFilter Filter = LabelErrorFilter.PruneByNoiseRate,
    LabelErrorRanking Ranking = LabelErrorRanking.SelfConfidence);
