using Laoshi.Storage;
using Microsoft.AspNetCore.Http;

namespace Laoshi.Server.Access;

/// <summary>
/// What the access check learnt about a request, for the endpoint and the audit log: the project named by {p}
/// and the caller's role in it (null for server admins who are not members).
/// </summary>
public sealed record AccessContext(ProjectRef? Project, ProjectRole? Role)
{
    private static readonly object Key = new();

    public static AccessContext? Of(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as AccessContext : null;

    internal void Attach(HttpContext context) => context.Items[Key] = this;
}
