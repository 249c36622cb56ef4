using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Server.Jobs;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// The job queue over HTTP: queue work, list and watch jobs (progress, log), cancel and retry. Who sees a job: server
/// admins, the person who queued it, and reviewers (and up) of its project; who may cancel or retry it: admins, the
/// person who queued it, and managers (and up) of its project. Others get 404, as if it did not exist.
/// </summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs", async (string? project, string? state, string? kind, int? limit, string? cursor, HttpContext context,
            LaoshiStore store, RoleCache roles, CancellationToken ct) =>
        {
            long? projectId = null;
            string? createdBy = null;
            if (project is not null)
            {
                var resolved = await ResolveVisibleProjectAsync(project, context, store, roles, ct);
                projectId = resolved.Id;
            }
            else if (!Caller.IsAdmin(context.User))
            {
                // Without a project, a person sees the jobs they queued; a project's jobs are listed with ?project=.
                createdBy = ApiUser.Of(context);
            }
            return TypedResults.Ok(await ListAsync(new JobQuery(projectId, state, kind, createdBy, limit ?? 50, cursor), store, ct));
        }).WithName("ListJobs").RequireSignedIn()
          .WithSummary("Jobs newest first: filters project (name or id; needs the reviewer role there), state, kind; without a project, admins see every job and others the jobs they queued.");

        api.MapGet("/projects/{p}/jobs", async (string p, string? state, string? kind, int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(await ListAsync(new JobQuery(project.Id, state, kind, null, limit ?? 50, cursor), store, ct));
        }).WithName("ListProjectJobs").RequireProjectRole(ProjectRole.Reviewer).WithSummary("The project's jobs, newest first.");

        api.MapGet("/jobs/kinds", (JobQueue queue) => TypedResults.Ok(new JobKindsResponse([.. queue.Kinds])))
            .WithName("ListJobKinds").RequireSignedIn().WithSummary("The kinds of job this server can run.");

        api.MapPost("/projects/{p}/jobs", async (string p, HttpContext context, LaoshiStore store, JobQueue queue, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var job = await QueueAsync(project.Name, context, queue, ct);
            return TypedResults.Created($"/api/v1/jobs/{job.Id}", JobResponse.From(job));
        }).WithName("CreateProjectJob").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(CreateJobRequest)))
          .WithSummary("Queues a job of a kind this server runs, on the project, with its parameters; answers at once (201) with the queued job.");

        api.MapPost("/jobs", async (HttpContext context, JobQueue queue, CancellationToken ct) =>
        {
            var job = await QueueAsync(null, context, queue, ct);
            return TypedResults.Created($"/api/v1/jobs/{job.Id}", JobResponse.From(job));
        }).WithName("CreateJob").RequireAdmin().WithMetadata(new RequestShape(typeof(CreateJobRequest)))
          .WithSummary("Queues a job that belongs to no project (server admins).");

        api.MapGet("/jobs/{id:long}", async (long id, HttpContext context, LaoshiStore store, RoleCache roles, CancellationToken ct) =>
            TypedResults.Ok(JobResponse.From(await VisibleJobAsync(id, context, store, roles, ct))))
            .WithName("GetJob").RequireSignedIn().WithSummary("One job: state, progress, message, attempts, result or error.");

        api.MapGet("/jobs/{id:long}/log", async (long id, int? limit, string? cursor, HttpContext context, LaoshiStore store, RoleCache roles, CancellationToken ct) =>
        {
            var job = await VisibleJobAsync(id, context, store, roles, ct);
            var page = await store.Jobs.LogAsync(id, limit ?? 1000, cursor, ct);
            return TypedResults.Ok(new JobLogResponse(id, job.State,
                page.Items.Select(l => new JobLogLineResponse(l.Id, l.Attempt, l.At, l.Line)).ToList(), page.Next));
        }).WithName("GetJobLog").RequireSignedIn()
          .WithSummary("The job's log lines, oldest first; pass the answer's next as cursor to get only newer lines (it is null at the end, so keep the last one to follow a running job).");

        api.MapPost("/jobs/{id:long}/cancel", async (long id, HttpContext context, LaoshiStore store, RoleCache roles, RunningJobs running, CancellationToken ct) =>
        {
            await ManagedJobAsync(id, context, store, roles, ct);
            var job = await store.Jobs.CancelAsync(id, ApiUser.Of(context), ct);
            // Running here: stop it now. Running elsewhere: its process sees the request on its next heartbeat.
            running.Cancel(id);
            Note(context, job);
            return TypedResults.Ok(JobResponse.From(job));
        }).WithName("CancelJob").RequireSignedIn()
          .WithSummary("Cancels a queued job at once, or asks a running one to stop (cancel_requested; it ends as cancelled). 409 when it already finished.");

        api.MapPost("/jobs/{id:long}/retry", async (long id, HttpContext context, LaoshiStore store, RoleCache roles, JobSettings settings,
            JobSignal signal, CancellationToken ct) =>
        {
            await ManagedJobAsync(id, context, store, roles, ct);
            var more = settings.MaxAttempts;
            if (context.Request.ContentLength > 0)
            {
                var body = await ApiJson.ReadObjectAsync(context.Request, ct);
                more = MaxAttempts(body) ?? more;
            }
            var job = await store.Jobs.RetryAsync(id, ApiUser.Of(context), more, ct);
            signal.Raise();
            Note(context, job);
            return TypedResults.Ok(JobResponse.From(job));
        }).WithName("RetryJob").RequireSignedIn().WithMetadata(new RequestShape(typeof(RetryJobRequest)))
          .WithSummary("Queues a failed or cancelled job again, as the same job (its log continues). 409 for any other state.");

        return api;
    }

    private static async Task<JobListResponse> ListAsync(JobQuery query, LaoshiStore store, CancellationToken ct)
    {
        var page = await store.Jobs.ListAsync(query, ct);
        return new JobListResponse(page.Items.Select(JobResponse.From).ToList(), page.Next);
    }

    private static async Task<JobRecord> QueueAsync(string? project, HttpContext context, JobQueue queue, CancellationToken ct)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, ct);
        var kind = ApiJson.RequiredString(body, "kind");
        var parameters = body["parameters"] switch
        {
            null => [],
            JsonObject given => (JsonObject)given.DeepClone(),
            _ => throw new BadInputException("'parameters' must be an object", path: "$.parameters", field: "parameters"),
        };
        var job = await queue.QueueAsync(project, kind, parameters, ApiUser.Of(context), MaxAttempts(body), ct);
        Note(context, job);
        return job;
    }

    private static int? MaxAttempts(JsonObject body)
    {
        if (ApiJson.OptionalNumber(body, "max_attempts") is not { } number) return null;
        if (number != Math.Floor(number) || number < 1 || number > 100)
            throw new BadInputException("'max_attempts' must be a whole number from 1 to 100", path: "$.max_attempts", field: "max_attempts");
        return (int)number;
    }

    private static void Note(HttpContext context, JobRecord job)
    {
        var note = AuditNote.For(context);
        note.ProjectId = job.ProjectId;
        note.Target = $"job {job.Id}";
        note.Detail["kind"] = job.Kind;
        note.Detail["state"] = job.State;
    }

    private static async Task<ProjectRef> ResolveVisibleProjectAsync(string project, HttpContext context, LaoshiStore store, RoleCache roles, CancellationToken ct)
    {
        ProjectRef resolved;
        try
        {
            resolved = await store.Projects.ResolveAsync(project, ct);
        }
        catch (NotFoundException) when (!Caller.IsAdmin(context.User))
        {
            throw new JobForbiddenException($"listing the jobs of project '{project}' needs the reviewer role there");
        }
        if (!await HasRoleAsync(resolved.Id, ProjectRole.Reviewer, context, roles, ct))
            throw new JobForbiddenException($"listing the jobs of project '{project}' needs the reviewer role there");
        return resolved;
    }

    /// <summary>The job if the caller may see it; 404 otherwise (a job of someone else's project does not exist for them).</summary>
    private static async Task<JobRecord> VisibleJobAsync(long id, HttpContext context, LaoshiStore store, RoleCache roles, CancellationToken ct)
    {
        var job = await store.Jobs.GetAsync(id, ct);
        if (Caller.IsAdmin(context.User) || job.CreatedBy == ApiUser.Of(context)) return job;
        if (job.ProjectId is { } project && await HasRoleAsync(project, ProjectRole.Reviewer, context, roles, ct)) return job;
        throw new NotFoundException($"job {id}");
    }

    /// <summary>The job if the caller may cancel or retry it: 404 when they may not even see it, 403 when they only may see it.</summary>
    private static async Task<JobRecord> ManagedJobAsync(long id, HttpContext context, LaoshiStore store, RoleCache roles, CancellationToken ct)
    {
        var job = await VisibleJobAsync(id, context, store, roles, ct);
        if (Caller.IsAdmin(context.User) || job.CreatedBy == ApiUser.Of(context)) return job;
        if (job.ProjectId is { } project && await HasRoleAsync(project, ProjectRole.Manager, context, roles, ct)) return job;
        throw new JobForbiddenException($"only a manager of '{job.ProjectName}', the person who queued job {id}, or a server admin may change it");
    }

    private static async Task<bool> HasRoleAsync(long projectId, ProjectRole minimum, HttpContext context, RoleCache roles, CancellationToken ct)
    {
        if (Caller.IsAdmin(context.User)) return true;
        return Caller.Id(context.User) is { } user && await roles.RoleAsync(projectId, user, ct) is { } role && role >= minimum;
    }
}

/// <summary>The caller may see the job but not change it (403).</summary>
public sealed class JobForbiddenException(string message) : LaoshiException(message)
{
    public override int StatusCode => 403;
}
