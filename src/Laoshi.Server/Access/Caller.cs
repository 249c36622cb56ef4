using System.Globalization;
using System.Security.Claims;
using Laoshi.Storage;

namespace Laoshi.Server.Access;

/// <summary>The signed-in person as claims: who (id, email), whether a server admin, and how they came in.</summary>
public static class Caller
{
    /// <summary>Authentication type of a browser session (cookie): its unsafe requests must carry <see cref="CsrfHeader"/>.</summary>
    public const string SessionAuth = "session";
    public const string TokenAuth = "token";
    /// <summary>The header the web UI sends on every request. A cross-site form cannot set it, so its presence proves same-origin script.</summary>
    public const string CsrfHeader = "X-Laoshi-Request";
    private const string AdminClaim = "laoshi:admin";

    public static ClaimsPrincipal For(AccountInfo account, string authenticationType) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Email, account.Email),
        new Claim(ClaimTypes.Name, account.DisplayName),
        new Claim(AdminClaim, account.IsAdmin ? "true" : "false"),
    ], authenticationType, ClaimTypes.Email, null));

    public static bool IsSignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && Id(user) is not null;

    public static long? Id(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? Email(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email);

    public static bool IsAdmin(ClaimsPrincipal user) => user.FindFirstValue(AdminClaim) == "true";

    public static bool ViaSession(ClaimsPrincipal user) => user.Identity?.AuthenticationType == SessionAuth;
}
