using System.Text.Json.Nodes;
using Laoshi.Core.Regions;

namespace Laoshi.Core.Transfer;

/// <summary>A stored blob (image, audio) as exporters need it.</summary>
public sealed record BlobInfo(
    string Hash,
    string MediaType,
    long Size,
    string LocalPath,
    string? OriginalName = null,
    int? Width = null,
    int? Height = null,
    double? Duration = null);

public sealed record ExportedAnswer(
    long Id,
    int Version,
    IReadOnlyList<Region> Result,
    DateTimeOffset CreatedAt,
    double? LeadTime = null,
    string? CreatedBy = null,
    string? ModelVersion = null,
    double? Score = null);

/// <summary>One item with its current answers, as the exporters stream it.</summary>
/// <param name="Blobs">Blob facts for data keys that reference a stored blob.</param>
public sealed record ExportItem(
    long Id,
    JsonObject Data,
    IReadOnlyList<ExportedAnswer> Annotations,
    IReadOnlyList<ExportedAnswer> Predictions,
    IReadOnlyDictionary<string, BlobInfo> Blobs);
