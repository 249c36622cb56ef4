using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Formats.LabelStudio;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Items, annotations and predictions. These are the hot paths of annotation work, so they resolve the project
/// without counting its items (<see cref="ProjectStore.ResolveAsync"/>).
/// </summary>
public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/items", async (
            string p, int? limit, string? cursor, string? status, string? label, string? q, string? filter,
            LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Items.ListAsync(project.Id, new ItemQuery(limit ?? 50, cursor, status, label, q, filter), ct);
            return TypedResults.Ok(new ItemListResponse(
                page.Items.Select(i => new ItemSummaryResponse(i.Id, i.Data, i.Status, i.AnnotationCount, i.CreatedAt)).ToList(), page.Next));
        }).WithName("ListItems").RequireProjectRole(ProjectRole.Annotator).WithSummary("Lists items by cursor, filtered by status, label, text (q) or a filter expression.");

        api.MapGet("/projects/{p}/items/{id:long}", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(ItemResponse.From(await store.Items.GetAsync(project.Id, id, ct)));
        }).WithName("GetItem").RequireProjectRole(ProjectRole.Annotator);

        api.MapGet("/projects/{p}/items/{id:long}/annotations", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var history = await store.Annotations.HistoryAsync(project.Id, id, ct);
            return TypedResults.Ok(history.Select(ItemResponse.AnnotationFrom).ToList());
        }).WithName("ListAnnotationHistory").RequireProjectRole(ProjectRole.Annotator).WithSummary("Every version of every annotation of the item, oldest first.");

        api.MapPost("/projects/{p}/next", async Task<Results<Ok<ItemResponse>, NoContent, ProblemHttpResult>> (
            string p, long? after, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            ItemDetail? item;
            try
            {
                item = after is { } current
                    ? await store.Items.NextAfterAsync(project.Id, ApiUser.Of(context), current, ct)
                    : await store.Items.NextAsync(project.Id, ApiUser.Of(context), ct);
            }
            catch (NotQualifiedException refusal)
            {
                return DistributionApi.NotQualified(refusal);
            }
            return item is null ? TypedResults.NoContent() : TypedResults.Ok(ItemResponse.From(item));
        }).WithName("NextItem").RequireProjectRole(ProjectRole.Annotator).WithMetadata(new NotAudited())
          .WithSummary("Leases the caller's next copy of an item for the project's lease length (exam items first, gold mixed in); 204 when none is left; 403 when the caller failed the exam. With ?after=ID (the item the caller is on) it leases the copy after that one ahead of time, so a client can prefetch; 204 there means nothing to take ahead.");

        api.MapPost("/projects/{p}/items/{id:long}/annotations", async (
            string p, long id, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var leadTime = ApiJson.OptionalNumber(body, "lead_time");
            var prepared = await ReadResultAsync(body, project, id, store, schemas, ct);
            // The audit entry commits with the answer: one group commit per submit instead of two.
            var audit = AccessCheck.EntryFor(context, context.GetEndpoint()!, StatusCodes.Status201Created);
            var saved = await store.Annotations.SubmitAsync(project.Id, id, prepared, leadTime, ApiUser.Of(context), ct, audit);
            AuditNote.For(context).Written = true;
            return TypedResults.Created($"/api/v1/projects/{project.Id}/items/{id}", new SubmitResponse(saved.Id, saved.Version));
        }).WithName("SubmitAnnotation").RequireProjectRole(ProjectRole.Annotator).WithMetadata(new RequestShape(typeof(SubmitAnnotationRequest))).WithSummary("Submits the caller's answer for an item; a 201 means it is durable.");

        api.MapPost("/projects/{p}/items/{id:long}/predictions", async (
            string p, long id, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var modelVersion = ApiJson.RequiredString(body, "model_version");
            var score = ApiJson.OptionalNumber(body, "score");
            var prepared = await ReadResultAsync(body, project, id, store, schemas, ct);
            var saved = await store.Annotations.AddPredictionAsync(project.Id, id, modelVersion, score, prepared, ct);
            return TypedResults.Created($"/api/v1/projects/{project.Id}/items/{id}", new CreatedResponse(saved));
        }).WithName("AddPrediction").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(AddPredictionRequest))).WithSummary("Stores a model's answer for an item, kept apart from annotations.");

        return api;
    }

    /// <summary>Reads the body's Label Studio "result" and makes it storable for the item (pixels, checked against the rules).</summary>
    internal static async Task<IReadOnlyList<Region>> ReadResultAsync(
        JsonObject body, ProjectRef project, long itemId, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct)
    {
        var schema = schemas.For(project);
        var regions = LabelStudioResults.FromJson(ApiJson.RequiredArray(body, "result"), schema, path: "$.result");
        // Checking the answer needs only the item's data, not its annotations and predictions.
        var data = await store.Items.GetDataAsync(project.Id, itemId, ct);
        return await new AnswerPreparer(store.Blobs).PrepareAsync(schema, data, regions, null, null, "$.result", ct);
    }
}

public sealed record SubmitAnnotationRequest(System.Text.Json.Nodes.JsonArray Result, double? LeadTime);

public sealed record AddPredictionRequest(string ModelVersion, double? Score, System.Text.Json.Nodes.JsonArray Result);
