using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Cleaning;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Storage;
using Laoshi.Storage.Cleaning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Api;

/// <summary>
/// Cleaning a project: passes (or a preview that changes nothing), the duplicate clusters to resolve, and the log of
/// changes, each of which can be undone. Managers only: these calls rewrite and set aside items.
/// </summary>
public static class CleaningApi
{
    public static RouteGroupBuilder MapCleaningApi(this RouteGroupBuilder api)
    {
        var cleaning = api.MapGroup("/projects/{p}/cleaning");

        cleaning.MapPost("/runs", async (string p, HttpContext context, CleaningService service, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var background = body["background"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            body.Remove("background");
            var options = CleaningOptions.FromJson(body);
            if (background)
            {
                var queue = context.RequestServices.GetService<IJobQueue>()
                    ?? throw new BadInputException("this server has no job engine: run the pass without background", field: "background");
                var job = await queue.EnqueueAsync(p, CleanJobHandler.JobKind, options.ToJson(), ApiUser.Of(context), ct);
                return Results.Accepted($"/api/v1/jobs/{job}", new JsonObject { ["job_id"] = job });
            }
            var report = await service.RunAsync(p, options, ApiUser.Of(context), null, null, ct);
            AuditNote.For(context).Detail["run_id"] = report["run_id"]?.DeepClone();
            return Results.Json(report, ApiJson.Options);
        }).WithName("RunCleaning").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(CleaningRunRequest)))
          .WithSummary("Runs a cleaning pass (dry_run: only reports); with background=true queues it as a \"clean\" job instead.");

        cleaning.MapPost("/preview", async (string p, HttpContext context, CleaningService service, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            body.Remove("background");
            var options = CleaningOptions.FromJson(body) with { DryRun = true };
            return Results.Json(await service.RunAsync(p, options, ApiUser.Of(context), null, null, ct), ApiJson.Options);
        }).WithName("PreviewCleaning").RequireProjectRole(ProjectRole.Manager).WithMetadata(new NotAudited(), new RequestShape(typeof(CleaningRunRequest)))
          .WithSummary("What a cleaning pass would find and change, changing nothing.");

        cleaning.MapPost("/normalize", async (string p, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var text = ApiJson.RequiredString(body, "text");
            var normalize = ApiJson.RequiredString(body, "normalize");
            return TypedResults.Ok(new NormalizeResponse(text, CleaningService.Normalize(text, normalize)));
        }).WithName("NormalizeText").RequireProjectRole(ProjectRole.Manager).WithMetadata(new NotAudited())
          .WithSummary("Normalises one text with the given steps (nfkc, width, t2s, whitespace, control): a live preview.");

        cleaning.MapGet("/runs", async (string p, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Cleaning.ListRunsAsync(project.Id, limit ?? 50, cursor, ct);
            return TypedResults.Ok(new CleaningRunListResponse(page.Items, page.Next));
        }).WithName("ListCleaningRuns").RequireProjectRole(ProjectRole.Manager).WithSummary("Cleaning passes, newest first, with their options and reports.");

        cleaning.MapGet("/runs/{id:long}", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(await store.Cleaning.GetRunAsync(project.Id, id, ct));
        }).WithName("GetCleaningRun").RequireProjectRole(ProjectRole.Manager);

        cleaning.MapPost("/runs/{id:long}/undo", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Cleaning.GetRunAsync(project.Id, id, ct);
            var undone = await store.Cleaning.UndoAllAsync(project.Id, id, null, ApiUser.Of(context), ct);
            AuditNote.For(context).Detail["undone"] = undone.Count;
            return TypedResults.Ok(new UndoResponse(undone.Count, undone));
        }).WithName("UndoCleaningRun").RequireProjectRole(ProjectRole.Manager).WithSummary("Undoes every change of the pass that is not undone yet, newest first.");

        cleaning.MapGet("/clusters", async (string p, string? status, long? run, string? kind, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            // status=all lists every cluster; the default is the open ones still waiting for a decision.
            var query = new ClusterQuery(status is "all" ? null : status ?? ClusterResolutions.Open, run, kind, limit ?? 50, cursor);
            var page = await store.Cleaning.ListClustersAsync(project.Id, query, ct);
            var clusters = new List<ClusterResponse>(page.Items.Count);
            foreach (var cluster in page.Items) clusters.Add(await ClusterResponse.ReadAsync(store, cluster, ct));
            return TypedResults.Ok(new ClusterListResponse(clusters, page.Next));
        }).WithName("ListCleaningClusters").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("Duplicate clusters (open ones unless status is given; status=all for every one), each with its items' data for a side-by-side view.");

        cleaning.MapGet("/clusters/{id:long}", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(await ClusterResponse.ReadAsync(store, await store.Cleaning.GetClusterAsync(project.Id, id, ct), ct));
        }).WithName("GetCleaningCluster").RequireProjectRole(ProjectRole.Manager);

        cleaning.MapPost("/clusters/{id:long}/resolve", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var resolution = ApiJson.RequiredString(body, "resolution");
            var keep = (long?)ApiJson.OptionalNumber(body, "keep");
            var resolved = await store.Cleaning.ResolveClusterAsync(project.Id, id, resolution, keep, ApiUser.Of(context), null, ct);
            var note = AuditNote.For(context);
            note.Target = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            note.Detail["resolution"] = resolution;
            return TypedResults.Ok(await ClusterResponse.ReadAsync(store, resolved, ct));
        }).WithName("ResolveCleaningCluster").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ResolveClusterRequest)))
          .WithSummary("keep (one item, given by keep, default the first; the others dropped), merge (the same, recording their ids on the kept item), drop (all) or dismiss.");

        cleaning.MapPost("/clusters/{id:long}/undo", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Cleaning.GetClusterAsync(project.Id, id, ct);
            var undone = await store.Cleaning.UndoAllAsync(project.Id, null, id, ApiUser.Of(context), ct);
            return TypedResults.Ok(new UndoResponse(undone.Count, undone));
        }).WithName("UndoCleaningCluster").RequireProjectRole(ProjectRole.Manager).WithSummary("Undoes the cluster's resolution and opens it again.");

        cleaning.MapGet("/changes", async (string p, long? run, long? item, long? cluster, string? kind, bool? undone, int? limit, string? cursor,
            LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Cleaning.ListChangesAsync(project.Id, new ChangeQuery(run, item, cluster, kind, undone, limit ?? 50, cursor), ct);
            return TypedResults.Ok(new ChangeListResponse(page.Items, page.Next));
        }).WithName("ListCleaningChanges").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("The log of cleaning changes, oldest first, each with the value before and after.");

        cleaning.MapPost("/changes/{id:long}/undo", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var undone = await store.Cleaning.UndoAsync(project.Id, id, ApiUser.Of(context), ct);
            var note = AuditNote.For(context);
            note.ItemId = undone.ItemId;
            note.Target = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(undone);
        }).WithName("UndoCleaningChange").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("Gives the item back what the change replaced; 409 when it was undone already or the item changed since.");

        return api;
    }
}

public sealed record CleaningRunRequest(bool? Dedupe, double? Near, bool? Broken, string? Normalize, string? Pii, bool? DryRun, int? MinImageSize,
    int? MaxTextLength, bool? Background);

public sealed record ResolveClusterRequest(string Resolution, long? Keep);

public sealed record NormalizeResponse(string Before, string After);

public sealed record CleaningRunListResponse(IReadOnlyList<CleaningRun> Runs, string? Next);

public sealed record ChangeListResponse(IReadOnlyList<CleaningChange> Changes, string? Next);

public sealed record UndoResponse(int Undone, IReadOnlyList<CleaningChange> Changes);

public sealed record ClusterListResponse(IReadOnlyList<ClusterResponse> Clusters, string? Next);

public sealed record ClusterItemResponse(long Id, JsonObject? Data, bool Missing);

public sealed record ClusterResponse(long Id, long RunId, string Kind, double Similarity, string Status, long? KeptItemId, string? ResolvedBy,
    DateTimeOffset? ResolvedAt, IReadOnlyList<ClusterItemResponse> Items)
{
    public static async Task<ClusterResponse> ReadAsync(LaoshiStore store, CleaningCluster cluster, CancellationToken ct)
    {
        var items = new List<ClusterItemResponse>(cluster.Items.Count);
        foreach (var id in cluster.Items)
        {
            try
            {
                items.Add(new ClusterItemResponse(id, await store.Items.GetDataAsync(cluster.ProjectId, id, ct), false));
            }
            catch (NotFoundException)
            {
                items.Add(new ClusterItemResponse(id, null, true));
            }
        }
        return new ClusterResponse(cluster.Id, cluster.RunId, cluster.Kind, cluster.Similarity, cluster.Status, cluster.KeptItemId, cluster.ResolvedBy,
            cluster.ResolvedAt, items);
    }
}
