using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Evaluation.Gates;
using Laoshi.Server.Access;
using Laoshi.Server.Evaluation;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Api;

/// <summary>
/// Algorithm testing: test sets, evaluations (run, list, read, compare, HTML report), item outcomes, and failing items
/// sent to review.
/// </summary>
public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/test-sets", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(new TestSetListResponse((await store.Evaluations.ListTestAsync(project.Id, ct)).Select(TestSetResponse.From).ToList()));
        }).WithName("ListTestSets").RequireProjectRole(ProjectRole.Manager).WithSummary("Snapshot versions marked as test sets.");

        api.MapPost("/projects/{p}/test-sets", async (string p, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var version = ApiJson.OptionalNumber(body, "version");
            var snapshot = await store.Snapshots.GetAsync(project.Id, ApiJson.RequiredString(body, "snapshot"), version is null ? null : (int)version, ct);
            var marked = await store.Evaluations.MarkTestAsync(project.Id, snapshot.Id, ApiUser.Of(context), ct);
            AuditNote.For(context).Target = $"{snapshot.Name} v{snapshot.Version}";
            return TypedResults.Ok(TestSetResponse.From(marked));
        }).WithName("MarkTestSet").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(MarkTestSetRequest)))
          .WithSummary("Marks a snapshot version (the newest unless given) as a test set.");

        api.MapDelete("/projects/{p}/test-sets/{snapshotId:long}", async (string p, long snapshotId, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Evaluations.UnmarkTestAsync(project.Id, snapshotId, ct);
            return TypedResults.NoContent();
        }).WithName("UnmarkTestSet").RequireProjectRole(ProjectRole.Manager).WithSummary("Takes the test-set mark off a snapshot version; its evaluations stay.");

        api.MapPost("/projects/{p}/evaluations", async (string p, HttpContext context, LaoshiStore store, EvaluationService evaluations,
            IServiceProvider services, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var model = ApiJson.RequiredString(body, "model");
            var snapshot = ApiJson.RequiredString(body, "snapshot");
            var version = ApiJson.OptionalNumber(body, "snapshot_version");
            var gates = ReadGates(body);
            var note = AuditNote.For(context);
            note.Target = model;
            note.Detail["snapshot"] = snapshot;
            if (body["background"] is JsonValue background && background.TryGetValue<bool>(out var queue) && queue)
            {
                var jobs = services.GetService<IJobQueue>()
                    ?? throw new BadInputException("this server has no job queue; run the evaluation without \"background\"", field: "background");
                var parameters = new JsonObject { ["model"] = model, ["snapshot"] = snapshot };
                if (version is not null) parameters["snapshot_version"] = version;
                var job = await jobs.EnqueueAsync(project.Name, EvaluationJobHandler.JobKind, parameters, ApiUser.Of(context), ct);
                return Results.Accepted($"/api/v1/jobs/{job}", new JsonObject { ["job"] = job });
            }
            var outcome = await evaluations.RunAsync(new EvaluationRequest(project.Name, model, snapshot, version is null ? null : (int)version, ApiUser.Of(context)), null, ct);
            note.Detail["evaluation"] = outcome.Info.Id;
            var response = EvaluationResponse(outcome);
            if (gates.Count > 0) response["gates"] = GateJson(MetricGates.Check(gates, outcome.GateMetrics()));
            return Results.Json(response, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }).WithName("RunEvaluation").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(RunEvaluationRequest)))
          .WithSummary("Measures a model (predictions:VERSION or any model reference) on a snapshot and stores the evaluation; \"background\": true queues it as a job.");

        api.MapGet("/projects/{p}/evaluations", async (string p, int? limit, string? cursor, string? snapshot, int? version, string? model,
            LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            long? snapshotId = snapshot is null ? null : (await store.Snapshots.GetAsync(project.Id, snapshot, version, ct)).Id;
            var page = await store.Evaluations.ListAsync(project.Id, limit ?? 50, cursor, snapshotId, model, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["evaluations"] = new JsonArray([.. page.Items.Select(e => (JsonNode)Describe(e))]),
                ["next"] = page.Next,
            });
        }).WithName("ListEvaluations").RequireProjectRole(ProjectRole.Manager).WithSummary("Evaluations newest first, optionally of one snapshot or model.");

        api.MapGet("/projects/{p}/evaluations/compare", async (string p, long? baseline, long? candidate, EvaluationComparer comparer, CancellationToken ct) =>
        {
            if (baseline is null) throw new BadInputException("give the baseline evaluation id", field: "baseline");
            if (candidate is null) throw new BadInputException("give the candidate evaluation id", field: "candidate");
            return TypedResults.Ok(await comparer.CompareAsync(p, baseline.Value, candidate.Value, ct));
        }).WithName("CompareEvaluations").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("Deltas with bootstrap 95% intervals, McNemar's test for classifiers and flipped items (right→wrong first) of two evaluations on one snapshot.");

        api.MapGet("/projects/{p}/evaluations/prediction-versions", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var versions = await store.Evaluations.PredictionVersionsAsync(project.Id, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["version"] = v.Key, ["model"] = "predictions:" + v.Key, ["predictions"] = v.Value })]),
            });
        }).WithName("ListPredictionVersions").RequireProjectRole(ProjectRole.Manager).WithSummary("Model versions with predictions stored in the project (evaluable as predictions:VERSION).");

        api.MapGet("/projects/{p}/evaluations/{id:long}", async (string p, long id, EvaluationService evaluations, CancellationToken ct) =>
            TypedResults.Ok(EvaluationResponse(await evaluations.GetAsync(p, id, ct))))
          .WithName("GetEvaluation").RequireProjectRole(ProjectRole.Manager).WithSummary("One evaluation with its full report: metrics and slices per control.");

        api.MapGet("/projects/{p}/evaluations/{id:long}/items", async (string p, long id, string? control, bool? wrong, int? limit, string? cursor,
            LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Evaluations.ItemsAsync(project.Id, id, control, wrong ?? false, limit ?? 50, cursor, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["items"] = new JsonArray([.. page.Items.Select(r => (JsonNode)ItemJson(r))]),
                ["next"] = page.Next,
            });
        }).WithName("ListEvaluationItems").RequireProjectRole(ProjectRole.Manager).WithSummary("Item outcomes by item id; wrong=true for the failures only.");

        api.MapGet("/projects/{p}/evaluations/{id:long}/report.html", async (string p, long id, EvaluationService evaluations, CancellationToken ct) =>
            Results.Content(await evaluations.HtmlReportAsync(p, id, ct), "text/html; charset=utf-8"))
          .WithName("EvaluationHtmlReport").RequireProjectRole(ProjectRole.Manager).WithSummary("The evaluation as a self-contained HTML page with inline charts.");

        api.MapPost("/projects/{p}/evaluations/{id:long}/send-to-review", async (string p, long id, HttpContext context, EvaluationService evaluations,
            CancellationToken ct) =>
        {
            // The body is optional: without one, every wrong item of every control (up to the limit) is sent.
            var body = context.Request.ContentLength is > 0 || context.Request.ContentType is not null ? await ApiJson.ReadObjectAsync(context.Request, ct) : [];
            var limit = ApiJson.OptionalNumber(body, "limit") ?? 100;
            var sent = await evaluations.SendToReviewAsync(p, id, ApiJson.OptionalString(body, "control"), (int)limit, ApiUser.Of(context), ct);
            AuditNote.For(context).Detail["sent"] = sent;
            return TypedResults.Ok(new JsonObject { ["sent"] = sent });
        }).WithName("SendEvaluationFailuresToReview").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(SendToReviewRequest)))
          .WithSummary("Puts the evaluation's wrong items (worst first, at most limit, default 100) on the project's review-request list.");

        api.MapGet("/projects/{p}/review-requests", async (string p, bool? all, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Evaluations.ReviewRequestsAsync(project.Id, all != true, limit ?? 50, cursor, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["requests"] = new JsonArray([.. page.Items.Select(r => (JsonNode)RequestJson(r))]),
                ["next"] = page.Next,
            });
        }).WithName("ListReviewRequests").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Items sent back from evaluations and label-error searches, oldest first; open ones unless all=true.");

        api.MapPost("/projects/{p}/review-requests/{id:long}/resolve", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(RequestJson(await store.Evaluations.ResolveReviewRequestAsync(project.Id, id, ApiUser.Of(context), ct)));
        }).WithName("ResolveReviewRequest").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Closes a review request once the item was looked at.");

        return api;
    }

    private static IReadOnlyList<MetricGate> ReadGates(JsonObject body)
    {
        if (body["gates"] is null) return [];
        var array = ApiJson.RequiredArray(body, "gates");
        return [.. array.Select((g, i) => g is JsonValue v && v.TryGetValue<string>(out var text)
            ? MetricGate.Parse(text)
            : throw new BadInputException("each gate must be a string such as \"f1_macro>=0.85\"", path: $"$.gates[{i}]", field: "gates"))];
    }

    public static JsonArray GateJson(IReadOnlyList<GateOutcome> outcomes) =>
        new([.. outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["gate"] = o.Gate.Expression,
            ["metric"] = o.Gate.Metric,
            ["actual"] = o.Actual,
            ["passed"] = o.Passed,
        })]);

    public static JsonObject EvaluationResponse(EvaluationOutcome outcome)
    {
        var json = Describe(outcome.Info);
        json["report"] = outcome.Report;
        return json;
    }

    public static JsonObject Describe(EvaluationInfo e) => new()
    {
        ["id"] = e.Id,
        ["snapshot"] = e.SnapshotName,
        ["snapshot_version"] = e.SnapshotVersion,
        ["snapshot_id"] = e.SnapshotId,
        ["model"] = e.Model,
        ["model_version"] = e.ModelVersion,
        ["created_by"] = e.CreatedBy,
        ["created_at"] = e.CreatedAt,
        ["duration_ms"] = e.DurationMs,
        ["items"] = e.ItemCount,
        ["summary"] = JsonNode.Parse(e.Summary),
    };

    private static JsonObject ItemJson(EvaluationItemResult r) => new()
    {
        ["item"] = r.ItemId,
        ["control"] = r.Control,
        ["correct"] = r.Correct,
        ["score"] = r.Score,
        ["confidence"] = r.Confidence,
        ["truth"] = JsonNode.Parse(r.Truth),
        ["predicted"] = JsonNode.Parse(r.Predicted),
    };

    private static JsonObject RequestJson(EvaluationReviewRequest r) => new()
    {
        ["id"] = r.Id,
        ["item"] = r.ItemId,
        ["evaluation"] = r.EvaluationId,
        ["label_error_job"] = r.LabelErrorJob,
        ["control"] = r.Control,
        ["note"] = r.Note,
        ["requested_by"] = r.RequestedBy,
        ["requested_at"] = r.RequestedAt,
        ["resolved_by"] = r.ResolvedBy,
        ["resolved_at"] = r.ResolvedAt,
    };
}

public sealed record MarkTestSetRequest(string Snapshot, int? Version);
public sealed record RunEvaluationRequest(string Model, string Snapshot, int? SnapshotVersion, IReadOnlyList<string>? Gates, bool? Background);
public sealed record SendToReviewRequest(string? Control, int? Limit);

public sealed record TestSetResponse(long SnapshotId, string Snapshot, int Version, long Items, string MarkedBy, DateTimeOffset MarkedAt)
{
    public static TestSetResponse From(TestSnapshotInfo t) => new(t.SnapshotId, t.Name, t.Version, t.ItemCount, t.MarkedBy, t.MarkedAt);
}

public sealed record TestSetListResponse(IReadOnlyList<TestSetResponse> TestSets);
