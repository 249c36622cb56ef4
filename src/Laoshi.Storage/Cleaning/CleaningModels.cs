using System.Text.Json.Nodes;

namespace Laoshi.Storage.Cleaning;

/// <summary>What a logged cleaning change did to an item.</summary>
public static class CleaningChangeKinds
{
    /// <summary>Text normalised (NFKC, width, script, whitespace, control characters): before/after are the item's data.</summary>
    public const string Normalize = "normalize";
    /// <summary>Personal information masked: before/after are the item's data.</summary>
    public const string PiiMask = "pii_mask";
    /// <summary>The item was set aside (status <see cref="DroppedItems.Status"/>): before/after are its status.</summary>
    public const string Drop = "drop";
    /// <summary>The item kept for a merged duplicate cluster records the ids merged into it: before/after are its data.</summary>
    public const string Merge = "merge";
}

/// <summary>How a duplicate cluster was found.</summary>
public static class ClusterKinds
{
    public const string Exact = "exact";
    public const string NearText = "near_text";
    public const string NearImage = "near_image";
}

/// <summary>A cluster's state: open until a person (or an automatic exact-duplicate pass) resolves it.</summary>
public static class ClusterResolutions
{
    public const string Open = "open";
    /// <summary>Keep one item, drop the others.</summary>
    public const string Keep = "keep";
    /// <summary>Keep one item, drop the others, and record their ids on the kept item (data key <see cref="DroppedItems.MergedKey"/>).</summary>
    public const string Merge = "merge";
    /// <summary>Drop every item of the cluster.</summary>
    public const string Drop = "drop";
    /// <summary>Not duplicates after all: nothing changes.</summary>
    public const string Dismiss = "dismiss";

    public static bool IsResolution(string? value) => value is Keep or Merge or Drop or Dismiss;
}

/// <summary>
/// A dropped item stays stored with its answers, under this status: exports, snapshots and work distribution leave
/// it out, and undoing the drop gives it back its earlier status.
/// </summary>
public static class DroppedItems
{
    public const string Status = "dropped";
    public const string MergedKey = "merged_items";
}

public sealed record CleaningRun(long Id, long ProjectId, JsonObject Options, JsonObject? Report, bool DryRun, long? JobId,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <param name="Before">The item's data (JSON text, exactly as it was stored) or, for a drop, its status.</param>
/// <param name="After">What the change wrote.</param>
public sealed record CleaningChange(long Id, long ProjectId, long ItemId, long? RunId, long? ClusterId, long? JobId, string Kind,
    string Before, string After, string? Detail, string CreatedBy, DateTimeOffset CreatedAt, string? UndoneBy, DateTimeOffset? UndoneAt)
{
    public bool Undone => UndoneAt is not null;
}

public sealed record CleaningCluster(long Id, long ProjectId, long RunId, string Kind, double Similarity, IReadOnlyList<long> Items,
    string Status, long? KeptItemId, string? ResolvedBy, DateTimeOffset? ResolvedAt);

public sealed record NewCluster(string Kind, double Similarity, IReadOnlyList<long> Items);

/// <summary>A change to an item's data; applied only if the item still holds <paramref name="Before"/>.</summary>
public sealed record DataChange(long ItemId, string Kind, JsonObject Before, JsonObject After, string? Detail = null);

public sealed record ItemDrop(long ItemId, string Reason);

/// <summary>Who makes changes, and what they belong to.</summary>
public sealed record ChangeContext(string User, long? RunId = null, long? JobId = null, long? ClusterId = null);

public sealed record ChangeQuery(long? RunId = null, long? ItemId = null, long? ClusterId = null, string? Kind = null,
    bool? Undone = null, int Limit = 50, string? Cursor = null);

public sealed record ClusterQuery(string? Status = ClusterResolutions.Open, long? RunId = null, string? Kind = null, int Limit = 50, string? Cursor = null);
