using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Laoshi.Server.Access;

/// <summary>
/// Enforces each endpoint's <see cref="AccessRule"/>: 401 without credentials, 403 with too low a role or admin-only,
/// and 403 for an /api/v1 endpoint that declares no rule (closed until it says who may use it). Cookie-authenticated
/// unsafe requests must carry <see cref="Caller.CsrfHeader"/>. Afterwards every mutating request (and every
/// <see cref="AuditedRead"/>) is written to the audit log.
/// </summary>
public sealed class AccessCheck(RequestDelegate next, LaoshiStore store, RoleCache roles, ILogger<AccessCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var api = context.Request.Path.StartsWithSegments("/api/v1");
        var rule = endpoint?.Metadata.GetMetadata<AccessRule>();
        if (endpoint is null || (rule is null && !api))
        {
            await next(context);
            return;
        }

        var refusal = await RefusalAsync(context, rule);
        var audited = IsAudited(context, endpoint);
        if (refusal is not null)
        {
            // Anonymous refusals are not logged: anyone could fill the log with them.
            if (audited && refusal.Value.Status == 403) await AuditAsync(context, endpoint, 403, refusal.Value.Detail);
            await Results.Problem(statusCode: refusal.Value.Status, title: refusal.Value.Status == 401 ? "Unauthorized" : "Forbidden",
                detail: refusal.Value.Detail).ExecuteAsync(context);
            return;
        }
        if (!audited)
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception error)
        {
            await AuditAsync(context, endpoint, error is LaoshiException known ? known.StatusCode : error is OperationCanceledException ? 499 : 500, null);
            throw;
        }
        // An endpoint that wrote its entry with its change (one commit) has nothing left to record.
        if (AuditNote.Find(context)?.Written != true) await AuditAsync(context, endpoint, context.Response.StatusCode, null);
    }

    private async Task<(int Status, string Detail)?> RefusalAsync(HttpContext context, AccessRule? rule)
    {
        if (rule is null) return (403, "this endpoint declares no access rule, so nobody may use it");
        var user = context.User;
        var signedIn = Caller.IsSignedIn(user);
        if (signedIn && Caller.ViaSession(user) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !context.Request.Headers.ContainsKey(Caller.CsrfHeader))
            return (403, $"a browser session's {context.Request.Method} request must carry the {Caller.CsrfHeader} header");
        if (rule.Kind == AccessKind.Anyone) return null;
        if (!signedIn) return (401, "sign in (POST /api/v1/session) or send Authorization: Bearer <token>");
        var admin = Caller.IsAdmin(user);
        switch (rule.Kind)
        {
            case AccessKind.SignedIn:
                return null;
            case AccessKind.Admin:
                return admin ? null : (403, "only a server admin may do this");
        }

        var nameOrId = context.GetRouteValue("p") as string;
        if (string.IsNullOrEmpty(nameOrId)) return (403, "this endpoint names no project");
        ProjectRef project;
        try
        {
            project = await store.Projects.ResolveAsync(nameOrId, context.RequestAborted);
        }
        catch (NotFoundException)
        {
            // An admin learns the project is missing from the endpoint (404); others learn nothing about which names exist.
            return admin ? null : (403, $"you are not a member of project '{nameOrId}'");
        }
        var role = await roles.RoleAsync(project.Id, Caller.Id(user)!.Value, context.RequestAborted);
        new AccessContext(project, role).Attach(context);
        if (admin || role >= rule.MinimumRole) return null;
        return role is null
            ? (403, $"you are not a member of project '{project.Name}'")
            : (403, $"this needs the {ProjectRoles.Name(rule.MinimumRole)} role in '{project.Name}'; you are {ProjectRoles.Name(role.Value)}");
    }

    private static bool IsAudited(HttpContext context, Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<NotAudited>() is not null) return false;
        var method = context.Request.Method;
        var reads = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        return !reads || endpoint.Metadata.GetMetadata<AuditedRead>() is not null;
    }

    private async Task AuditAsync(HttpContext context, Endpoint endpoint, int status, string? refusal)
    {
        var entry = EntryFor(context, endpoint, status, refusal);
        try
        {
            // Not the request's token: a cancelled request that changed something is still recorded.
            await store.Audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogError(error, "could not write the audit entry {Action} by {Actor}", entry.Action, entry.Actor);
        }
    }

    /// <summary>
    /// The audit entry of this request as it would end with <paramref name="status"/>. Endpoints on the hot path build it
    /// themselves to write it in their own transaction (see <see cref="AuditNote.Written"/>).
    /// </summary>
    public static AuditEntry EntryFor(HttpContext context, Endpoint endpoint, int status, string? refusal = null)
    {
        var note = AuditNote.Find(context);
        var access = AccessContext.Of(context);
        var detail = note?.Detail.DeepClone().AsObject() ?? [];
        detail["status"] = status;
        detail["method"] = context.Request.Method;
        detail["path"] = context.Request.Path.Value;
        if (refusal is not null) detail["refused"] = refusal;
        var entry = new AuditEntry(
            Action: note?.Action ?? (refusal is not null ? "access_denied" : ActionOf(endpoint, context)),
            Actor: note?.Actor ?? Caller.Email(context.User),
            Ip: context.Connection.RemoteIpAddress?.ToString(),
            ProjectId: note?.ProjectId ?? access?.Project?.Id,
            ItemId: note?.ItemId ?? ItemId(context),
            Target: note?.Target,
            Detail: detail.ToJsonString());
        return entry;
    }

    /// <summary>The endpoint's name in snake case (CreateProject → create_project), else its method and route.</summary>
    private static string ActionOf(Endpoint endpoint, HttpContext context)
    {
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (string.IsNullOrEmpty(name)) return $"{context.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText}";
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    private static long? ItemId(HttpContext context) =>
        context.GetRouteValue("p") is not null && context.GetRouteValue("id") is string id
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
