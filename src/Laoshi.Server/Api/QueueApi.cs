using System.Text.Json.Nodes;
using Laoshi.Server.Access;
using Laoshi.Server.Active;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Active learning in the annotation queue: (re-)scoring the project's open items with a model so the active-learning
/// orders serve the most useful ones first. The model and the strategy are checked before queuing, so a typo is a 400
/// now rather than a failed job later.
/// </summary>
public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{p}/queue/prioritize", async (string p, HttpContext context, LaoshiStore store, IModelResolver resolver,
            JobQueue queue, IEnumerable<IJobHandler> handlers, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = context.Request.ContentLength is 0 ? [] : await ApiJson.ReadObjectAsync(context.Request, ct);
            var prioritize = handlers.OfType<PrioritizeJobHandler>().Single();
            var strategy = await prioritize.StrategyAsync(project.Id, ApiJson.OptionalString(body, "strategy")?.Trim(), ct);
            var model = ApiJson.OptionalString(body, "model")?.Trim() is { Length: > 0 } named ? named : await prioritize.ProductionModelAsync(project.Id, ct);
            await using (await resolver.OpenAsync(project.Name, model, ct)) { }

            var parameters = new JsonObject { ["model"] = model, ["strategy"] = strategy };
            if (ApiJson.OptionalNumber(body, "seed") is { } seed) parameters["seed"] = (int)seed;
            var job = await queue.QueueAsync(project.Name, PrioritizeJobHandler.JobKind, parameters, ApiUser.Of(context), null, ct);
            var note = AuditNote.For(context);
            note.Target = model;
            note.Detail["job"] = job.Id;
            note.Detail["strategy"] = strategy;
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", new PrioritizeResponse(job.Id, strategy, model));
        }).WithName("PrioritizeQueue").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(PrioritizeRequest)))
          .WithSummary("Queues a \"prioritize\" job: the model (default: the project's production model) scores every open item by the strategy " +
                       "(default: the project's active-learning order) and /next serves the highest first; 202 with the job id.");
        return api;
    }
}

public sealed record PrioritizeRequest(string? Model, string? Strategy, int? Seed);

public sealed record PrioritizeResponse(long JobId, string Strategy, string Model);
