using System.Text.Json.Nodes;

namespace Laoshi.Storage.Models;

/// <summary>What registering a model version needs; the store numbers it and makes it a candidate.</summary>
public sealed record NewModelVersion(
    string Name, string Kind, JsonObject Settings, string? BlobHash = null, string? Url = null,
    string? Snapshot = null, long? RunId = null, string? Description = null);
