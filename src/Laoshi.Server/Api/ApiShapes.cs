using System.Text.Json.Nodes;
using Laoshi.Core.Schema;
using Laoshi.Formats.LabelStudio;
using Laoshi.Storage;

namespace Laoshi.Server.Api;

/// <summary>Response shapes of the HTTP API, in Label Studio's names where it has them.</summary>
/// <summary>A project; <see cref="ItemCount"/> is null when the caller asked not to count (GET /projects/{p}?count_items=false).</summary>
public sealed record ProjectResponse(long Id, string Name, JsonNode? Schema, string LabelConfig, DateTimeOffset CreatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] long? ItemCount)
{
    public static ProjectResponse From(ProjectInfo project, ProjectSchema schema) =>
        new(project.Id, project.Name, JsonNode.Parse(project.SchemaJson), LabelStudioConfig.Write(schema), project.CreatedAt,
            project.ItemCount >= 0 ? project.ItemCount : null);
}

public sealed record ProjectListResponse(IReadOnlyList<ProjectResponse> Projects, string? Next);

public sealed record ItemSummaryResponse(long Id, JsonObject Data, string Status, int AnnotationCount, DateTimeOffset CreatedAt);

public sealed record ItemListResponse(IReadOnlyList<ItemSummaryResponse> Items, string? Next);

public sealed record AnnotationResponse(long Id, int Version, JsonArray Result, double? LeadTime, string CompletedBy, DateTimeOffset CreatedAt, bool IsCurrent);

public sealed record PredictionResponse(long Id, string ModelVersion, double? Score, JsonArray Result, DateTimeOffset CreatedAt);

public sealed record ItemResponse(
    long Id, JsonObject Data, string Status, IReadOnlyList<AnnotationResponse> Annotations, IReadOnlyList<PredictionResponse> Predictions)
{
    public static ItemResponse From(ItemDetail item) => new(
        item.Id, item.Data, item.Status,
        item.Annotations.Select(AnnotationFrom).ToList(),
        item.Predictions.Select(p => new PredictionResponse(p.Id, p.ModelVersion, p.Score, LabelStudioResults.ToJson(p.Result), p.CreatedAt)).ToList());

    public static AnnotationResponse AnnotationFrom(AnnotationRecord a) =>
        new(a.Id, a.Version, LabelStudioResults.ToJson(a.Result), a.LeadTime, a.CreatedBy, a.CreatedAt, a.IsCurrent);
}

public sealed record SubmitResponse(long Id, int Version);

public sealed record CreatedResponse(long Id);

public sealed record SnapshotResponse(long Id, string Name, int Version, string? Filter, DateTimeOffset CreatedAt, long ItemCount)
{
    public static SnapshotResponse From(SnapshotInfo s) => new(s.Id, s.Name, s.Version, s.Filter, s.CreatedAt, s.ItemCount);
}

public sealed record SnapshotListResponse(IReadOnlyList<SnapshotResponse> Snapshots);

public sealed record ErrorEntry(string Message, string? File, long? Line, string? Path, string? Field);

public sealed record ImportResponse(long Items, long Annotations, long Predictions, long Refused, IReadOnlyList<ErrorEntry> Errors);
