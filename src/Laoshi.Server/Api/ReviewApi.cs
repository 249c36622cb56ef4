using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Review (accept, reject with a comment, correct), the annotator's view of their reviews, adjudication of items
/// whose answers disagree, the agreed answer, and review statistics.
/// </summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{p}/annotations/{annotationId:long}/review", async (
            string p, long annotationId, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var action = ApiJson.RequiredString(body, "action");
            var comment = ApiJson.OptionalString(body, "comment");
            Core.Regions.Region[]? correction = null;
            if (action == ReviewActions.Correct)
            {
                // The same reading and checks as a submit, against the reviewed annotation's item.
                var annotation = await store.Reviews.GetAnnotationAsync(project.Id, annotationId, ct);
                correction = [.. await ItemsApi.ReadResultAsync(body, project, annotation.ItemId, store, schemas, ct)];
            }
            var review = await store.Reviews.ReviewAsync(project.Id, annotationId, action, ApiUser.Of(context), comment, correction, ct);
            return TypedResults.Created($"/api/v1/projects/{project.Id}/items/{review.ItemId}/reviews", ReviewResponse.From(review));
        }).WithName("ReviewAnnotation").RequireProjectRole(ProjectRole.Reviewer).WithMetadata(new RequestShape(typeof(ReviewRequest)))
          .WithSummary("Accepts, rejects (comment required) or corrects (result required) the current version of an annotation.");

        api.MapGet("/projects/{p}/review/queue", async (
            string p, int? limit, string? cursor, string? annotator, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Reviews.QueueAsync(project.Id, new ReviewQueueQuery(limit ?? 50, cursor, annotator, ApiUser.Of(context)), ct);
            return TypedResults.Ok(new ReviewQueueResponse(page.Items.Select(QueuedAnnotationResponse.From).ToList(), page.Next));
        }).WithName("ReviewQueue").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Current annotations not yet reviewed, oldest first, optionally of one annotator; never the caller's own.");

        api.MapGet("/projects/{p}/my/reviews", async (
            string p, int? limit, string? cursor, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Reviews.MineAsync(project.Id, ApiUser.Of(context), limit ?? 50, cursor, ct);
            return TypedResults.Ok(new ReviewListResponse(page.Items.Select(ReviewResponse.From).ToList(), page.Next));
        }).WithName("MyReviews").RequireProjectRole(ProjectRole.Annotator)
          .WithSummary("The caller's rejected and corrected annotations with the reviewers' comments, newest first.");

        api.MapGet("/projects/{p}/items/{id:long}/reviews", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var reviews = await store.Reviews.ItemReviewsAsync(project.Id, id, ct);
            return TypedResults.Ok(new ReviewListResponse(reviews.Select(ReviewResponse.From).ToList(), null));
        }).WithName("ItemReviews").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Every verdict on the item's annotations, oldest first.");

        api.MapGet("/projects/{p}/review/settings", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(new ReviewSettingsResponse((await store.Reviews.GetSettingsAsync(project.Id, ct)).AgreementThreshold));
        }).WithName("GetReviewSettings").RequireProjectRole(ProjectRole.Reviewer);

        api.MapPut("/projects/{p}/review/settings", async (string p, HttpRequest request, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(request, ct);
            var threshold = ApiJson.OptionalNumber(body, "agreement_threshold")
                ?? throw new BadInputException("'agreement_threshold' is required", path: "$.agreement_threshold", field: "agreement_threshold");
            var saved = await store.Reviews.SetSettingsAsync(project.Id, new ReviewSettings(threshold), ct);
            return TypedResults.Ok(new ReviewSettingsResponse(saved.AgreementThreshold));
        }).WithName("SetReviewSettings").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ReviewSettingsRequest)))
          .WithSummary("Sets the agreement below which an item with two or more answers goes to adjudication (0..1).");

        api.MapGet("/projects/{p}/adjudication", async (string p, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Reviews.AdjudicationAsync(project.Id, limit ?? 50, cursor, ct);
            var threshold = (await store.Reviews.GetSettingsAsync(project.Id, ct)).AgreementThreshold;
            return TypedResults.Ok(new AdjudicationResponse(
                page.Items.Select(e => new AdjudicationEntryResponse(e.ItemId, e.Agreement, e.Answers, e.Annotators)).ToList(), page.Next, threshold));
        }).WithName("AdjudicationQueue").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Items whose answers agree less than the threshold and have no agreed answer yet, worst agreement first.");

        api.MapPost("/projects/{p}/items/{id:long}/agreed", async (
            string p, long id, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var hasResult = body["result"] is not null;
            var annotationId = body["annotation_id"] is null ? (long?)null : (long)(ApiJson.OptionalNumber(body, "annotation_id")!.Value);
            if (hasResult == annotationId.HasValue)
                throw new BadInputException("give either 'result' (the agreed answer) or 'annotation_id' (the answer to adopt)", path: "$.result", field: "result");
            var result = hasResult ? await ItemsApi.ReadResultAsync(body, project, id, store, schemas, ct) : null;
            var agreed = await store.Reviews.SetAgreedAsync(project.Id, id, result, annotationId, ApiUser.Of(context), ct);
            return TypedResults.Ok(AgreedResponse.From(agreed));
        }).WithName("SetAgreedAnswer").RequireProjectRole(ProjectRole.Reviewer).WithMetadata(new RequestShape(typeof(AgreedRequest)))
          .WithSummary("Sets the item's agreed answer: a result, or one annotation adopted by id. Snapshots and exports take it.");

        api.MapGet("/projects/{p}/items/{id:long}/agreed", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var agreed = await store.Reviews.GetAgreedAsync(project.Id, id, ct) ?? throw new NotFoundException($"agreed answer of item {id}");
            return TypedResults.Ok(AgreedResponse.From(agreed));
        }).WithName("GetAgreedAnswer").RequireProjectRole(ProjectRole.Reviewer);

        api.MapGet("/projects/{p}/review/stats", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(await store.Reviews.StatsAsync(project.Id, ct));
        }).WithName("ReviewStats").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Verdicts per annotator (reviewed, accepted, rejected, corrected, rejection rate) and per UTC day.");

        return api;
    }
}
