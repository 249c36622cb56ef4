using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Formats.LabelStudio;
using Laoshi.Learning.Latency;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// The model registry of a project: upload an ONNX model (multipart) or connect an HTTP backend (JSON), list versions,
/// move a version between stages, set its per-class thresholds, try it on items (and keep its answers as
/// predictions), and measure a model's latency.
/// </summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/models", async (string p, string? name, string? stage, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var models = await store.Models.ListAsync(project.Id, string.IsNullOrEmpty(name) ? null : name, string.IsNullOrEmpty(stage) ? null : stage, ct);
            return TypedResults.Ok(new ModelListResponse([.. models.Select(ModelResponse.From)]));
        }).WithName("ListModels").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Every registered model version, by name then version; ?name= and ?stage= narrow it.");

        api.MapPost("/projects/{p}/models", async (string p, HttpContext context, ModelRegistry registry, CancellationToken ct) =>
        {
            var project = await registry.Store.Projects.ResolveAsync(p, ct);
            var user = ApiUser.Of(context);
            var note = AuditNote.For(context);
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = long.MaxValue }, ct);
                var file = form.Files.GetFile("file") ?? throw new BadInputException("the upload has no 'file' part holding the .onnx model", field: "file");
                var settings = ParseSettings(form["settings"].ToString());
                var runText = form["run_id"].ToString();
                long? runId = runText.Length == 0 ? null
                    : long.TryParse(runText, NumberStyles.None, CultureInfo.InvariantCulture, out var run) ? run
                    : throw new BadInputException("run_id must be a whole number", field: "run_id");
                await using var stream = file.OpenReadStream();
                var model = await registry.AddOnnxAsync(project, Required(form["name"].ToString(), "name"), Required(form["kind"].ToString(), "kind"),
                    stream, file.FileName, settings, user, Optional(form["snapshot"].ToString()), runId, Optional(form["description"].ToString()), ct);
                note.Target = model.Reference;
                note.Detail["kind"] = model.Kind;
                return Results.Created($"/api/v1/projects/{project.Id}/models/{model.Name}/versions/{model.Version}", ModelResponse.From(model));
            }
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var backendSettings = body["settings"] switch
            {
                null => new JsonObject(),
                JsonObject o => (JsonObject)o.DeepClone(),
                _ => throw new BadInputException("settings must be a JSON object", path: "settings", field: "settings"),
            };
            var (connected, _) = await registry.ConnectBackendAsync(project, ApiJson.RequiredString(body, "name"), ApiJson.RequiredString(body, "url"),
                backendSettings, user, ApiJson.OptionalString(body, "description"), ct);
            note.Target = connected.Reference;
            note.Detail["kind"] = connected.Kind;
            note.Detail["url"] = connected.Url;
            return Results.Created($"/api/v1/projects/{project.Id}/models/{connected.Name}/versions/{connected.Version}", ModelResponse.From(connected));
        }).WithName("AddModel").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ConnectBackendRequest)))
          .WithSummary("Registers the next version of a model: multipart (file, name, kind = classifier|detector, settings JSON) uploads an ONNX model; JSON {name, url, settings} connects a Label Studio ML backend.");

        api.MapGet("/projects/{p}/models/{name}", async (string p, string name, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(ModelResponse.From(await store.Models.GetAsync(project.Id, name, null, ct)));
        }).WithName("GetModel").RequireProjectRole(ProjectRole.Reviewer).WithSummary("The version a bare name means: the production version, else the newest.");

        api.MapGet("/projects/{p}/models/{name}/versions/{version:int}", async (string p, string name, int version, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(ModelResponse.From(await store.Models.GetAsync(project.Id, name, version, ct)));
        }).WithName("GetModelVersion").RequireProjectRole(ProjectRole.Reviewer);

        api.MapPut("/projects/{p}/models/{name}/versions/{version:int}/stage", async (string p, string name, int version, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var model = await store.Models.SetStageAsync(project.Id, name, version, ApiJson.RequiredString(body, "stage"), ct);
            var note = AuditNote.For(context);
            note.Target = model.Reference;
            note.Detail["stage"] = model.Stage;
            return TypedResults.Ok(ModelResponse.From(model));
        }).WithName("SetModelStage").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ModelStageRequest)))
          .WithSummary("candidate, production or archived; promoting a version to production archives the previous production version of the name.");

        api.MapPut("/projects/{p}/models/{name}/versions/{version:int}/thresholds", async (string p, string name, int version, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var model = await store.Models.SetThresholdsAsync(project.Id, name, version, ReadThresholds(body), ct);
            var note = AuditNote.For(context);
            note.Target = model.Reference;
            note.Detail["thresholds"] = JsonSerializer.SerializeToNode(model.Thresholds);
            return TypedResults.Ok(ModelResponse.From(model));
        }).WithName("SetModelThresholds").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ModelThresholdsRequest)))
          .WithSummary("Per-class confidence thresholds {label: 0..1}: answers below their label's threshold are left out.");

        api.MapGet("/projects/{p}/models/{name}/versions/{version:int}/threshold-report", async (string p, string name, int version, string? snapshot,
            int? snapshot_version, ModelRegistry registry, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(snapshot)) throw new BadInputException("name the test snapshot: ?snapshot=NAME", field: "snapshot");
            var (control, classes, items) = await ModelThresholdReport.BuildAsync(registry, p, name, version, snapshot, snapshot_version, ct);
            return TypedResults.Ok(new ThresholdReportResponse($"{name}@{version}", snapshot, control, items, classes));
        }).WithName("ModelThresholdReport").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("Precision and recall per class at each confidence threshold (0, 0.05, …, 0.95 and the ones set) on a test snapshot.");

        api.MapPost("/projects/{p}/models/{name}/versions/{version:int}/predict", async (string p, string name, int version, HttpContext context,
            ModelRegistry registry, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var ids = ApiJson.RequiredArray(body, "items").Select((n, i) => n is JsonValue v && v.TryGetValue<long>(out var id) ? id
                : throw new BadInputException("must be an item id", path: $"items[{i}]", field: "items")).ToList();
            if (ids.Count > 100) throw new BadInputException("at most 100 items a request", field: "items");
            var save = body["save"] is JsonValue s && s.GetValueKind() == JsonValueKind.True;
            var inputs = new List<ModelInput>(ids.Count);
            foreach (var id in ids)
            {
                var item = await store.Items.GetAsync(project.Id, id, ct);
                inputs.Add(new ModelInput(id.ToString(CultureInfo.InvariantCulture), item.Data));
            }
            var entry = await store.Models.GetAsync(project.Id, name, version, ct);
            await using var model = await registry.OpenAsync(project, entry, ct);
            var answers = await model.PredictAsync(inputs, ct);
            var saved = 0;
            if (save)
            {
                foreach (var (answer, id) in answers.Zip(ids))
                {
                    await store.Annotations.AddPredictionAsync(project.Id, id, model.Version, answer.Score, answer.Regions, ct);
                    saved++;
                }
            }
            return TypedResults.Ok(new ModelPredictResponse(model.Version,
                [.. answers.Zip(ids, (a, id) => new ModelAnswerResponse(id, LabelStudioResults.ToJson(a.Regions), a.Score, a.ClassScores))], saved));
        }).WithName("PredictWithModel").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ModelPredictRequest)))
          .WithSummary("Asks the model version about up to 100 items; with save: true its answers are stored as predictions under name@version.");

        api.MapPost("/projects/{p}/latency", async (string p, HttpContext context, LaoshiStore store, IModelResolver resolver, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var options = new LatencyOptions(
                Concurrency: WholeNumber(body, "concurrency") ?? 1,
                Requests: Math.Min(WholeNumber(body, "requests") ?? 100, 100_000),
                BatchSize: WholeNumber(body, "batch_size") ?? 1);
            var report = await ModelLatency.RunAsync(store, resolver, p, ApiJson.RequiredString(body, "model"), options, WholeNumber(body, "sample_items") ?? 100, ct);
            return TypedResults.Ok(report.ToJson());
        }).WithName("MeasureLatency").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(LatencyRequest)))
          .WithSummary("Latency (p50/p95/p99 ms) and throughput (requests/s) of a model reference on the project's first items.");

        return api;
    }

    private static int? WholeNumber(JsonObject body, string field) => ApiJson.OptionalNumber(body, field) switch
    {
        null => null,
        var n when n >= 1 && n <= int.MaxValue && n == Math.Floor(n.Value) => (int)n,
        _ => throw new BadInputException($"{field} must be a whole number of at least 1", path: field, field: field),
    };

    private static IReadOnlyDictionary<string, double> ReadThresholds(JsonObject body)
    {
        if (body["thresholds"] is not JsonObject thresholds)
            throw new BadInputException("thresholds must be an object of label: number", path: "thresholds", field: "thresholds");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, value) in thresholds)
            result[label] = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>()
                : throw new BadInputException($"the threshold of '{label}' must be a number", path: $"thresholds.{label}", field: "thresholds");
        return result;
    }

    private static JsonObject ParseSettings(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new BadInputException("settings must be a JSON object", path: "settings", field: "settings");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"settings is not valid JSON: {e.Message}", path: "settings", field: "settings");
        }
    }

    private static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new BadInputException($"the upload has no '{field}'", field: field) : value.Trim();

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
