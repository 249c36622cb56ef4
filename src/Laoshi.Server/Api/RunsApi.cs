using System.Text.Json.Nodes;
using Laoshi.Learning.Training;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Server.Training;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Training over HTTP: the trainers with their declared parameters, starting a run (a "training" job; the request is
/// checked first, so a bad parameter is a 400 naming it rather than a failed job), and the runs: list, one with its
/// trial table and curve, and two compared.
/// </summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/trainers", (TrainerCatalog catalog) => TypedResults.Ok(RunShapes.Trainers(catalog)))
            .WithName("ListTrainers").RequireSignedIn()
            .WithSummary("The built-in trainers: name, task, description and each parameter's type, default, range and help.");

        api.MapPost("/projects/{p}/runs", async (string p, HttpContext context, LaoshiStore store, TrainingService training, JobQueue queue,
            CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var request = TrainingRequest.FromJson(body, project.Name, ApiUser.Of(context));
            await training.CheckAsync(request, ct);
            var job = await queue.QueueAsync(project.Name, TrainingJobHandler.JobKind, request.ToJson(), ApiUser.Of(context), null, ct);
            var note = AuditNote.For(context);
            note.Target = request.Trainer;
            note.Detail["job"] = job.Id;
            note.Detail["snapshot"] = request.Snapshot;
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", new JsonObject { ["job_id"] = job.Id });
        }).WithName("StartRun").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(StartRunRequest)))
          .WithSummary("Queues a \"training\" job: trains the trainer on the snapshot (with a search when asked), scores it on the held-out part and registers the model; 202 {job_id}; the job's result is {run_id}.");

        api.MapGet("/projects/{p}/runs", async (string p, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var page = await store.Runs.ListAsync(project.Id, limit ?? 50, cursor, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["items"] = new JsonArray([.. page.Items.Select(r => (JsonNode?)RunShapes.Run(r))]),
                ["next_cursor"] = page.Next,
            });
        }).WithName("ListRuns").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Training runs newest first, with their metrics.");

        api.MapGet("/projects/{p}/runs/compare", async (string p, long? a, long? b, LaoshiStore store, CancellationToken ct) =>
        {
            if (a is null) throw new Core.Errors.BadInputException("give the first run: ?a=ID", field: "a");
            if (b is null) throw new Core.Errors.BadInputException("give the second run: &b=ID", field: "b");
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(RunShapes.Compare(await store.Runs.GetAsync(project.Id, a.Value, ct), await store.Runs.GetAsync(project.Id, b.Value, ct)));
        }).WithName("CompareRuns").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Two runs side by side: each metric with b − a, each parameter with both values.");

        api.MapGet("/projects/{p}/runs/{id:long}", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(RunShapes.Run(await store.Runs.GetAsync(project.Id, id, ct), full: true));
        }).WithName("GetRun").RequireProjectRole(ProjectRole.Reviewer).WithSummary("One run with its search trial table and learning curve.");
        return api;
    }
}

public sealed record StartRunSearch(string Method, double? BudgetSeconds, int? Trials, int? Folds);

public sealed record StartRunRequest(string Trainer, string Snapshot, int? SnapshotVersion, JsonObject? Params, int? Seed, double? TestShare, bool? Curve,
    string? RegisterAs, string? Control, StartRunSearch? Search);
