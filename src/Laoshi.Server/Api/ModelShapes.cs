using System.Text.Json.Nodes;
using Laoshi.Learning.Thresholds;
using Laoshi.Storage.Models;

namespace Laoshi.Server.Api;

/// <summary>A registered model version as the API and `laoshi model ... --json` show it.</summary>
public sealed record ModelResponse(
    long Id, string Name, int Version, string Reference, string Kind, string Stage, JsonObject Settings,
    IReadOnlyDictionary<string, double> Thresholds, string? Url, bool HasFile, string? Snapshot, long? RunId, string? Description,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset StageChangedAt)
{
    public static ModelResponse From(ModelVersionInfo m) => new(m.Id, m.Name, m.Version, m.Reference, m.Kind, m.Stage, m.Settings, m.Thresholds,
        m.Url, m.BlobHash is not null, m.Snapshot, m.RunId, m.Description, m.CreatedBy, m.CreatedAt, m.StageChangedAt);
}

public sealed record ModelListResponse(IReadOnlyList<ModelResponse> Models);

public sealed record ConnectBackendRequest(string Name, string Url, JsonObject? Settings, string? Description);

/// <summary>Multipart form of an ONNX upload: the file plus these fields (settings is JSON text).</summary>
public sealed record UploadModelForm(string Name, string Kind, string? Settings, string? Snapshot, long? RunId, string? Description);

public sealed record ModelStageRequest(string Stage);

public sealed record ModelThresholdsRequest(IReadOnlyDictionary<string, double> Thresholds);

public sealed record ModelPredictRequest(IReadOnlyList<long> Items, bool Save = false);

public sealed record ModelAnswerResponse(long Item, JsonArray Result, double? Score, IReadOnlyDictionary<string, double>? ClassScores);

public sealed record ModelPredictResponse(string Model, IReadOnlyList<ModelAnswerResponse> Answers, int Saved);

public sealed record LatencyRequest(string Model, int? Concurrency, int? Requests, int? BatchSize, int? SampleItems);

public sealed record ThresholdReportResponse(string Model, string Snapshot, string Control, long Items, IReadOnlyList<ClassThresholds> Classes);
