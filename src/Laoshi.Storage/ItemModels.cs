using System.Text.Json.Nodes;

namespace Laoshi.Storage;

public static class ItemStatus
{
    /// <summary>No current annotation yet: what the next-item queue hands out.</summary>
    public const string New = "new";
    public const string Annotated = "annotated";
}

/// <param name="Limit">1..1000.</param>
/// <param name="Label">Only items whose current annotations carry this label.</param>
/// <param name="Q">Case-insensitive substring of the item data.</param>
/// <param name="Filter">A filter expression (Laoshi.Core.Filtering), combined with the other conditions by "and".</param>
public sealed record ItemQuery(int Limit = 50, string? Cursor = null, string? Status = null, string? Label = null, string? Q = null, string? Filter = null);

public sealed record ItemSummary(long Id, JsonObject Data, string Status, int AnnotationCount, DateTimeOffset CreatedAt);

/// <param name="Annotations">The current annotations (each user's newest); older versions come from AnnotationStore.HistoryAsync.</param>
public sealed record ItemDetail(
    long Id,
    long ProjectId,
    JsonObject Data,
    string Status,
    int AnnotationCount,
    string? LeaseUser,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AnnotationRecord> Annotations,
    IReadOnlyList<PredictionRecord> Predictions);
