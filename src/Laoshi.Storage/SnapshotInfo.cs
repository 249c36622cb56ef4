namespace Laoshi.Storage;

/// <param name="Version">1 for the first snapshot of a name, then 2, 3, ...</param>
/// <param name="ItemCount">Items frozen in it.</param>
public sealed record SnapshotInfo(long Id, long ProjectId, string Name, int Version, string? Filter, DateTimeOffset CreatedAt, long ItemCount);
