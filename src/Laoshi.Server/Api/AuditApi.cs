using System.Globalization;
using System.Text.Json;
using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Reading the audit log: a project's entries for its owners, everything for server admins. Paged by cursor, or
/// streamed whole as JSON lines with ?format=jsonl. Nothing here (or anywhere) changes or deletes an entry.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/audit", async (string p, string? actor, string? action, string? from, string? to, int? limit, string? cursor,
            string? format, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return await AnswerAsync(new AuditQuery(project.Id, actor, action, Time(from, "from"), Time(to, "to"), limit ?? 100, cursor),
                format, $"{project.Name}-audit.jsonl", context, store, ct);
        }).WithName("ListProjectAudit").RequireProjectRole(ProjectRole.Owner)
          .WithSummary("The project's audit entries, oldest first; filters actor, action, from, to (ISO 8601); format=jsonl streams them all.");

        api.MapGet("/audit", async (long? project, string? actor, string? action, string? from, string? to, int? limit, string? cursor,
            string? format, HttpContext context, LaoshiStore store, CancellationToken ct) =>
            await AnswerAsync(new AuditQuery(project, actor, action, Time(from, "from"), Time(to, "to"), limit ?? 100, cursor),
                format, "laoshi-audit.jsonl", context, store, ct))
          .WithName("ListAudit").RequireAdmin()
          .WithSummary("Every audit entry (server admins), with the same filters plus project (an id).");

        return api;
    }

    private static async Task<IResult> AnswerAsync(AuditQuery query, string? format, string fileName, HttpContext context, LaoshiStore store, CancellationToken ct)
    {
        if (format is null or "json") return TypedResults.Ok(await ListAsync(query, store, ct));
        if (format != "jsonl") throw new BadInputException($"format '{format}' is not json or jsonl", field: "format");
        var response = context.Response;
        response.ContentType = "application/jsonl";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var newline = "\n"u8.ToArray();
        await foreach (var record in store.Audit.StreamAsync(query, ct))
        {
            await JsonSerializer.SerializeAsync(response.Body, AuditResponse.From(record), ApiJson.Options, ct);
            await response.Body.WriteAsync(newline, ct);
        }
        return Results.Empty;
    }

    private static async Task<AuditListResponse> ListAsync(AuditQuery query, LaoshiStore store, CancellationToken ct)
    {
        var page = await store.Audit.ListAsync(query, ct);
        return new AuditListResponse(page.Items.Select(AuditResponse.From).ToList(), page.Next);
    }

    private static DateTimeOffset? Time(string? text, string field) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new BadInputException($"'{text}' is not a date and time (ISO 8601, e.g. 2026-11-29T08:00:00Z)", field: field);
}
