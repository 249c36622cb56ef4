using Laoshi.Core.Regions;

namespace Laoshi.Storage;

/// <param name="Version">1 for a user's first answer to the item, then 2, 3, ... for each resubmission.</param>
/// <param name="IsCurrent">True for the user's newest version.</param>
public sealed record AnnotationRecord(
    long Id,
    long ItemId,
    int Version,
    IReadOnlyList<Region> Result,
    double? LeadTime,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool IsCurrent);

public sealed record PredictionRecord(long Id, long ItemId, string ModelVersion, double? Score, IReadOnlyList<Region> Result, DateTimeOffset CreatedAt);

public sealed record SubmitResult(long Id, int Version);
