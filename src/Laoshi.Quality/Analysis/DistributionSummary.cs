namespace Laoshi.Quality.Analysis;

/// <summary>One bar of a histogram: values from <see cref="From"/> to <see cref="To"/> (inclusive for integer values).</summary>
public sealed record DistributionBin(double From, double To, long Count);

/// <summary>What a <see cref="ValueDistribution"/> saw: exact count, min, max and mean; bucketed quantiles; histogram bins.</summary>
public sealed record DistributionSummary(
    long Count,
    double? Min,
    double? Max,
    double? Mean,
    double? Median,
    double? P90,
    double? P99,
    IReadOnlyList<DistributionBin> Bins);
