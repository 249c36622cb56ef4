using Laoshi.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Access;

/// <summary>
/// Wires people and access into the server: cookie sessions for the browser, bearer tokens for scripts (one policy
/// scheme picks by the Authorization header), the data-protection key ring in the data folder (so sessions survive
/// restarts and are shared by servers on one data folder), and the <see cref="AccessCheck"/> middleware.
/// </summary>
public static class AccessHosting
{
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SessionCookie = "laoshi_session";
    private const string PolicyScheme = "Laoshi";

    public static IServiceCollection AddLaoshiAccess(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(settings.Accounts);
        services.AddSingleton<AccountService>();
        services.AddSingleton<RoleCache>();
        services.AddDataProtection()
            .SetApplicationName("Laoshi")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : SessionScheme)
            .AddCookie(SessionScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = settings.Accounts.SessionIdle;
                o.SlidingExpiration = true;
                // An API answers with a status, never a redirect to a sign-in page.
                o.Events.OnRedirectToLogin = context => Status(context.Response, 401);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, 403);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        return services;
    }

    /// <summary>Call after routing so the check sees which endpoint (and access rule) the request reached.</summary>
    public static WebApplication UseLaoshiAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AccessCheck>();
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
