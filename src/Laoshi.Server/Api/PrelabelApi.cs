using System.Text.Json.Nodes;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Pre-labelling over HTTP: queues a "prelabel" job that runs a model over the project's items and keeps its answers
/// as predictions. The model and the filter are checked before queuing, so a typo is a 400 now rather than a failed
/// job later.
/// </summary>
public static class PrelabelApi
{
    public static RouteGroupBuilder MapPrelabelApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{p}/models/prelabel", async (string p, HttpContext context, LaoshiStore store, IModelResolver resolver,
            JobQueue queue, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var model = ApiJson.RequiredString(body, "model").Trim();
            var filter = ApiJson.OptionalString(body, "filter");
            await using (await resolver.OpenAsync(project.Name, model, ct)) { }
            if (!string.IsNullOrWhiteSpace(filter)) await store.Items.ListAsync(project.Id, new ItemQuery(Limit: 1, Filter: filter), ct);

            var parameters = new JsonObject { ["model"] = model };
            if (!string.IsNullOrWhiteSpace(filter)) parameters["filter"] = filter;
            if (ApiJson.OptionalNumber(body, "batch_size") is { } batch) parameters["batch_size"] = (int)batch;
            var job = await queue.QueueAsync(project.Name, PrelabelJobHandler.JobKind, parameters, ApiUser.Of(context), null, ct);
            var note = AuditNote.For(context);
            note.Target = model;
            note.Detail["job"] = job.Id;
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobResponse.From(job));
        }).WithName("QueuePrelabel").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(PrelabelRequest)))
          .WithSummary("Queues a \"prelabel\" job: the model answers the items matching filter (default: unannotated) and its answers are kept as predictions; 202 with the job.");
        return api;
    }
}

public sealed record PrelabelRequest(string Model, string? Filter, int? BatchSize);
