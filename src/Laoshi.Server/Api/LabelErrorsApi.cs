using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Training;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Server.LabelErrors;
using Laoshi.Server.Training;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Label-error detection over HTTP: queue a search on a snapshot (a "label-errors" job), read its ranked suspects, and
/// send chosen suspects to the review-request list that evaluation failures also go to.
/// </summary>
public static class LabelErrorsApi
{
    public static RouteGroupBuilder MapLabelErrorsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{p}/label-errors", async (string p, HttpContext context, LaoshiStore store, ProjectSchemas schemas,
            TrainerCatalog trainers, JobQueue queue, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            // Checked now, so a typo is a 400 at once rather than a failed job later.
            var request = LabelErrorRequest.From(body, trainers);
            await store.Snapshots.GetAsync(project.Id, request.Snapshot, request.SnapshotVersion, ct);
            TrainingSetReader.ControlFor(schemas.For(project), request.Task, request.Control);
            var parameters = new JsonObject();
            foreach (var name in new[] { "snapshot", "snapshot_version", "trainer", "params", "folds", "seed", "control", "filter", "rank_by", "neighbours" })
                if (body[name] is { } value) parameters[name] = value.DeepClone();
            var job = await queue.QueueAsync(project.Name, LabelErrorJobHandler.JobKind, parameters, ApiUser.Of(context), null, ct);
            var note = AuditNote.For(context);
            note.Target = request.Snapshot;
            note.Detail["job"] = job.Id;
            return TypedResults.Accepted($"/api/v1/projects/{Uri.EscapeDataString(project.Name)}/label-errors/{job.Id}", new JsonObject { ["job_id"] = job.Id });
        }).WithName("FindLabelErrors").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(FindLabelErrorsRequest)))
          .WithSummary("Queues a \"label-errors\" job: out-of-fold probabilities of the snapshot's items from the trainer(s), then confident learning ranks the items whose label is likely wrong; 202 with the job id.");

        api.MapGet("/projects/{p}/label-errors", async (string p, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Jobs.ListAsync(new JobQuery(project.Id, Kind: LabelErrorJobHandler.JobKind, Limit: limit ?? 20, Cursor: cursor), ct);
            return TypedResults.Ok(new JsonObject
            {
                ["searches"] = new JsonArray([.. page.Items.Select(j => (JsonNode)Summary(j))]),
                ["next"] = page.Next,
            });
        }).WithName("ListLabelErrorSearches").RequireProjectRole(ProjectRole.Manager).WithSummary("Label-error searches of the project, newest first, without their suspects.");

        api.MapGet("/projects/{p}/label-errors/{jobId:long}", async (string p, long jobId, LaoshiStore store, CancellationToken ct) =>
        {
            var job = await JobAsync(store, p, jobId, ct);
            var json = Summary(job);
            json["suspects"] = job.Result?["suspects"]?.DeepClone() ?? new JsonArray();
            foreach (var name in new[] { "classes", "thresholds", "confident_joint", "skipped", "neighbours" })
                if (job.Result?[name] is { } value) json[name] = value.DeepClone();
            return TypedResults.Ok(json);
        }).WithName("GetLabelErrors").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("One search: its state and, once it succeeded, the suspects most likely error first ({\"id\" (item id), \"given\", \"suggested\", \"score\"}).");

        api.MapPost("/projects/{p}/label-errors/{jobId:long}/send-to-review", async (string p, long jobId, HttpContext context, LaoshiStore store,
            CancellationToken ct) =>
        {
            var job = await JobAsync(store, p, jobId, ct);
            if (job.State != JobStates.Succeeded) throw new ConflictException($"label-error search {jobId} is {job.State}; send its suspects once it has succeeded");
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var items = ApiJson.RequiredArray(body, "items");
            var suspects = (job.Result?["suspects"] as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(s => s["id"]!.ToJsonString(), s => s);
            var control = job.Result?["control"]?.GetValue<string>() ?? "";
            var chosen = new List<(long, string, string?)>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<long>(out var itemId))
                    throw new BadInputException("each item is an item id (a number)", path: $"$.items[{i}]", field: "items");
                if (!suspects.TryGetValue(itemId.ToString(CultureInfo.InvariantCulture), out var suspect))
                    throw new BadInputException($"item {itemId} is not a suspect of label-error search {jobId}", path: $"$.items[{i}]", field: "items");
                chosen.Add((itemId, control, string.Create(CultureInfo.InvariantCulture,
                    $"label {suspect["given"]} may be wrong; the model suggests {suspect["suggested"]} (score {suspect["score"]!.GetValue<double>():0.###})")));
            }
            var sent = await store.Evaluations.RequestLabelReviewAsync(job.ProjectId!.Value, jobId, chosen, ApiUser.Of(context), ct);
            AuditNote.For(context).Detail["sent"] = sent;
            return TypedResults.Ok(new JsonObject { ["sent"] = sent });
        }).WithName("SendLabelErrorsToReview").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(SendLabelErrorsRequest)))
          .WithSummary("Puts the chosen suspects (item ids) of a finished search on the project's review-request list; repeats are ignored; answers how many were newly sent.");

        return api;
    }

    /// <summary>The project's label-error job, or 404 (another project's job, or another kind, does not exist here).</summary>
    private static async Task<JobRecord> JobAsync(LaoshiStore store, string p, long jobId, CancellationToken ct)
    {
        var project = await store.Projects.ResolveAsync(p, ct);
        JobRecord job;
        try
        {
            job = await store.Jobs.GetAsync(jobId, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException($"label-error search {jobId}");
        }
        return job.ProjectId == project.Id && job.Kind == LabelErrorJobHandler.JobKind ? job : throw new NotFoundException($"label-error search {jobId}");
    }

    private static JsonObject Summary(JobRecord job) => new()
    {
        ["job_id"] = job.Id,
        ["state"] = job.State,
        ["progress"] = job.Progress,
        ["message"] = job.Message,
        ["error"] = job.Error,
        ["parameters"] = job.Parameters.DeepClone(),
        ["created_by"] = job.CreatedBy,
        ["created_at"] = job.CreatedAt,
        ["finished_at"] = job.FinishedAt,
        ["suspect_count"] = job.Result?["suspects"] is JsonArray a ? a.Count : null,
        ["examples"] = job.Result?["examples"]?.DeepClone(),
    };
}

public sealed record FindLabelErrorsRequest(string Snapshot, int? SnapshotVersion, string Trainer, JsonObject? Params, int? Folds, int? Seed,
    string? Control, string? Filter, string? RankBy, int? Neighbours);

public sealed record SendLabelErrorsRequest(IReadOnlyList<long> Items);
