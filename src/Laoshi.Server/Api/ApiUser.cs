using Laoshi.Server.Access;
using Microsoft.AspNetCore.Http;

namespace Laoshi.Server.Api;

/// <summary>
/// Who is calling: the signed-in account's email (from the browser session or the API token), or "anonymous" on the
/// few endpoints anyone may call. Annotations, leases and the audit log name people by this string.
/// </summary>
public static class ApiUser
{
    public static string Of(HttpContext context) => Caller.Email(context.User) is { Length: > 0 } email ? email : "anonymous";
}
