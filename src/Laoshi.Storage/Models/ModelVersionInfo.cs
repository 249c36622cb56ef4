using System.Text.Json.Nodes;

namespace Laoshi.Storage.Models;

/// <summary>
/// One registered model version. Settings hold what the kind needs to run it (labels, input field, sizes, NMS);
/// Thresholds the per-class confidence a prediction needs to be kept; BlobHash the model file in the blob store
/// (files) or Url the backend (HTTP backends); Snapshot and RunId where it came from.
/// </summary>
public sealed record ModelVersionInfo(
    long Id, long ProjectId, string Name, int Version, string Kind, string Stage, JsonObject Settings,
    IReadOnlyDictionary<string, double> Thresholds, string? BlobHash, string? Url, string? Snapshot, long? RunId,
    string? Description, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset StageChangedAt)
{
    /// <summary>name@version: the reference that always means exactly this version.</summary>
    public string Reference => $"{Name}@{Version}";
}
