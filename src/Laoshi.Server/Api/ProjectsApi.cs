using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Core.Errors;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (HttpContext context, LaoshiStore store, ProjectSchemas schemas, int? limit, string? cursor, CancellationToken ct) =>
        {
            // Server admins see every project; everyone else the projects they are a member of.
            var page = Caller.IsAdmin(context.User)
                ? await store.Projects.ListAsync(limit ?? 50, cursor, ct)
                : await store.Projects.ListForMemberAsync(Caller.Id(context.User)!.Value, limit ?? 50, cursor, ct);
            return TypedResults.Ok(new ProjectListResponse(page.Items.Select(p => ProjectResponse.From(p, schemas.For(p))).ToList(), page.Next));
        }).WithName("ListProjects").RequireSignedIn().WithSummary("Lists the caller's projects (every project for server admins), paged by cursor.");

        api.MapPost("/projects", async (HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var name = ApiJson.RequiredString(body, "name");
            var (schema, json) = ProjectSchemas.Parse(SchemaText(body));
            var project = await store.Projects.CreateAsync(name, schema, json, ct);
            // Whoever creates a project owns it.
            await store.Memberships.SetAsync(project.Id, Caller.Id(context.User)!.Value, ProjectRoles.Name(ProjectRole.Owner), ct);
            var note = AuditNote.For(context);
            note.ProjectId = project.Id;
            note.Target = project.Name;
            return TypedResults.Created($"/api/v1/projects/{project.Id}", ProjectResponse.From(project, schema));
        }).WithName("CreateProject").RequireSignedIn().WithMetadata(new RequestShape(typeof(CreateProjectRequest))).WithSummary("Creates a project from a Laoshi schema (JSON) or a Label Studio labeling config (XML).");

        api.MapGet("/projects/{p}", async (string p, bool? count_items, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = count_items == false ? await store.Projects.GetUncountedAsync(p, ct) : await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(ProjectResponse.From(project, schemas.For(project)));
        }).WithName("GetProject").RequireProjectRole(ProjectRole.Annotator)
          .WithSummary("The project and its rules; item_count is null with ?count_items=false, which skips counting a large project's items.");

        api.MapGet("/projects/{p}/stats", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await store.Stats.GetAsync(project.Id, ct));
        }).WithName("GetProjectStats").RequireProjectRole(ProjectRole.Annotator).WithSummary("Counts by status and by label, and progress.");

        api.MapPut("/projects/{p}/schema", async (string p, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var (schema, json) = ProjectSchemas.Parse(SchemaText(body));
            var project = await store.Projects.GetAsync(p, ct);
            var updated = await store.Projects.UpdateSchemaAsync(project.Id, schemas.For(project), schema, json, ct);
            // The old rules are kept in the log, so a change can be seen and undone by hand.
            AuditNote.For(context).Detail["previous_schema"] = System.Text.Json.Nodes.JsonNode.Parse(project.SchemaJson);
            return TypedResults.Ok(ProjectResponse.From(updated, schema));
        }).WithName("UpdateProjectSchema").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(UpdateSchemaRequest)))
          .WithSummary("Replaces the annotation rules; refuses removing a label that annotations still carry.");

        api.MapGet("/projects/{p}/stats/activity", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await store.Stats.GetActivityAsync(project.Id, ct));
        }).WithName("GetProjectActivity").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Annotations per UTC day and per person (with mean lead time).");

        return api;
    }

    /// <summary>The schema member of a request: a Laoshi schema object, or a Label Studio XML (or schema JSON) string.</summary>
    private static string SchemaText(System.Text.Json.Nodes.JsonObject body) => body["schema"] switch
    {
        null => throw new BadInputException("'schema' is required: a Laoshi schema object or a Label Studio XML config", path: "$.schema", field: "schema"),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };
}

/// <summary>Body of POST /projects; schema is a Laoshi schema object or a Label Studio XML string.</summary>
public sealed record CreateProjectRequest(string Name, System.Text.Json.Nodes.JsonNode Schema);

/// <summary>Body of PUT /projects/{p}/schema: a Laoshi schema object or a Label Studio XML string.</summary>
public sealed record UpdateSchemaRequest(System.Text.Json.Nodes.JsonNode Schema);
