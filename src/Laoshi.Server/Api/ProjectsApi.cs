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
        api.MapGet("/projects", async (LaoshiStore store, ProjectSchemas schemas, int? limit, string? cursor, CancellationToken ct) =>
        {
            var page = await store.Projects.ListAsync(limit ?? 50, cursor, ct);
            return TypedResults.Ok(new ProjectListResponse(page.Items.Select(p => ProjectResponse.From(p, schemas.For(p))).ToList(), page.Next));
        }).WithName("ListProjects").WithSummary("Lists projects, paged by cursor.");

        api.MapPost("/projects", async (HttpRequest request, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(request, ct);
            var name = ApiJson.RequiredString(body, "name");
            var (schema, json) = ProjectSchemas.Parse(SchemaText(body));
            var project = await store.Projects.CreateAsync(name, schema, json, ct);
            return TypedResults.Created($"/api/v1/projects/{project.Id}", ProjectResponse.From(project, schema));
        }).WithName("CreateProject").WithMetadata(new RequestShape(typeof(CreateProjectRequest))).WithSummary("Creates a project from a Laoshi schema (JSON) or a Label Studio labeling config (XML).");

        api.MapGet("/projects/{p}", async (string p, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(ProjectResponse.From(project, schemas.For(project)));
        }).WithName("GetProject");

        api.MapGet("/projects/{p}/stats", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await store.Stats.GetAsync(project.Id, ct));
        }).WithName("GetProjectStats").WithSummary("Counts by status and by label, and progress.");

        api.MapPut("/projects/{p}/schema", async (string p, HttpRequest request, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(request, ct);
            var (schema, json) = ProjectSchemas.Parse(SchemaText(body));
            var project = await store.Projects.GetAsync(p, ct);
            var updated = await store.Projects.UpdateSchemaAsync(project.Id, schemas.For(project), schema, json, ct);
            return TypedResults.Ok(ProjectResponse.From(updated, schema));
        }).WithName("UpdateProjectSchema").WithMetadata(new RequestShape(typeof(UpdateSchemaRequest)))
          .WithSummary("Replaces the annotation rules; refuses removing a label that annotations still carry.");

        api.MapGet("/projects/{p}/stats/activity", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await store.Stats.GetActivityAsync(project.Id, ct));
        }).WithName("GetProjectActivity").WithSummary("Annotations per UTC day and per person (with mean lead time).");

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
