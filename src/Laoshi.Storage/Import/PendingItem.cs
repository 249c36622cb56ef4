namespace Laoshi.Storage;

/// <summary>An item ready to write: JSON serialised, versions numbered, status and labels worked out.</summary>
internal sealed record PendingItem(
    string Data,
    string Status,
    int AnnotationCount,
    long CreatedAt,
    IReadOnlyList<PendingAnswer> Annotations,
    IReadOnlyList<PendingPrediction> Predictions,
    IReadOnlyDictionary<string, int> Labels);

internal sealed record PendingAnswer(int Version, string Result, double? LeadTime, string CreatedBy, long CreatedAt, bool IsCurrent);

internal sealed record PendingPrediction(string ModelVersion, double? Score, string Result, long CreatedAt);
