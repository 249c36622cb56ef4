namespace Laoshi.Storage.Data;

// Table rows. Timestamps are unix milliseconds so that raw SQL compares and orders them the same way on
// SQLite and PostgreSQL; JSON is kept as text so both providers store exactly what was written.

public sealed class ProjectRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string SchemaJson { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class ItemRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string Data { get; set; }
    public required string Status { get; set; }
    public int AnnotationCount { get; set; }
    public string? LeaseUser { get; set; }
    public long? LeaseUntil { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class AnnotationRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long ItemId { get; set; }
    public int Version { get; set; }
    public required string Result { get; set; }
    public double? LeadTime { get; set; }
    public required string CreatedBy { get; set; }
    public long CreatedAt { get; set; }
    public bool IsCurrent { get; set; }
}

public sealed class PredictionRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long ItemId { get; set; }
    public required string ModelVersion { get; set; }
    public double? Score { get; set; }
    public required string Result { get; set; }
    public long CreatedAt { get; set; }
}

/// <summary>How many regions of an item's current annotations carry a label; kept in step by every write.</summary>
public sealed class ItemLabelRow
{
    public long ProjectId { get; set; }
    public long ItemId { get; set; }
    public required string Label { get; set; }
    public int Count { get; set; }
}

public sealed class BlobRow
{
    public required string Hash { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public double? Duration { get; set; }
    public string? OriginalName { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class SnapshotRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public string? Filter { get; set; }
    public long CreatedAt { get; set; }
    public long ItemCount { get; set; }
}

/// <summary>One frozen (item, annotation) pair of a snapshot; AnnotationId is null for an item without answers.</summary>
public sealed class SnapshotItemRow
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    public long ItemId { get; set; }
    public long? AnnotationId { get; set; }
}
