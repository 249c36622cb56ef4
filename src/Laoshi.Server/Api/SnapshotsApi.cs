using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

public static class SnapshotsApi
{
    public static RouteGroupBuilder MapSnapshotsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/snapshots", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            var snapshots = await store.Snapshots.ListAsync(project.Id, ct);
            return TypedResults.Ok(new SnapshotListResponse(snapshots.Select(SnapshotResponse.From).ToList()));
        }).WithName("ListSnapshots").RequireProjectRole(ProjectRole.Manager);

        api.MapPost("/projects/{p}/snapshots", async (string p, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var snapshot = await store.Snapshots.CreateAsync(project.Id, ApiJson.RequiredString(body, "name"), ApiJson.OptionalString(body, "filter"), ct);
            var note = AuditNote.For(context);
            note.Target = snapshot.Name;
            note.Detail["version"] = snapshot.Version;
            note.Detail["items"] = snapshot.ItemCount;
            if (snapshot.Filter is not null) note.Detail["filter"] = snapshot.Filter;
            return TypedResults.Created($"/api/v1/projects/{project.Id}/snapshots/{snapshot.Name}", SnapshotResponse.From(snapshot));
        }).WithName("CreateSnapshot").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(CreateSnapshotRequest))).WithSummary("Freezes the items matching the filter with their current answers; the same name makes a new version.");

        api.MapGet("/projects/{p}/snapshots/{name}", async (string p, string name, int? version, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(SnapshotResponse.From(await store.Snapshots.GetAsync(project.Id, name, version, ct)));
        }).WithName("GetSnapshot").RequireProjectRole(ProjectRole.Manager);

        return api;
    }
}

public sealed record CreateSnapshotRequest(string Name, string? Filter);
