using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>Browser sign-in and sign-out (an HttpOnly, SameSite=Strict session cookie) and "who am I".</summary>
public static class SessionApi
{
    /// <summary>One answer for every failure, so it never tells whether an email has an account or is locked.</summary>
    public const string SignInRefused = "the email or password is wrong, or the account is locked for a while after too many failed attempts";

    public static RouteGroupBuilder MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/session", async (HttpContext context, AccountService accounts, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var email = ApiJson.RequiredString(body, "email");
            var password = ApiJson.OptionalString(body, "password") ?? "";
            var outcome = await accounts.SignInAsync(email, password, ct);
            var note = AuditNote.For(context);
            note.Actor = email.Trim();
            if (!outcome.Succeeded)
            {
                note.Action = "sign_in_failed";
                note.Detail["reason"] = outcome.Failure.ToString();
                if (outcome.LockedNow) note.Detail["locked"] = true;
                return Results.Problem(statusCode: 401, title: "Sign-in refused", detail: SignInRefused);
            }
            note.Action = "sign_in";
            note.Actor = outcome.Account!.Email;
            await context.SignInAsync(AccessHosting.SessionScheme, Caller.For(outcome.Account, Caller.SessionAuth),
                new AuthenticationProperties { IsPersistent = true });
            return Results.Ok(UserResponse.From(outcome.Account));
        }).WithName("SignIn").AllowAnyone().WithMetadata(new RequestShape(typeof(SignInRequest)))
          .WithSummary("Signs in with email and password; sets the session cookie.");

        api.MapDelete("/session", async (HttpContext context) =>
        {
            await context.SignOutAsync(AccessHosting.SessionScheme);
            return TypedResults.NoContent();
        }).WithName("SignOut").AllowAnyone().WithSummary("Ends the browser session.");

        api.MapGet("/me", async (HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var account = await store.Accounts.GetAsync(Caller.Id(context.User)!.Value, ct);
            var projects = await store.Memberships.ForUserAsync(account.Id, ct);
            return TypedResults.Ok(new MeResponse(account.Id, account.Email, account.DisplayName, account.IsAdmin,
                projects.Select(p => new MyProjectResponse(p.ProjectId, p.ProjectName, p.Role)).ToList()));
        }).WithName("GetMe").RequireSignedIn().WithSummary("The signed-in person: email, admin flag, and their projects with their role in each.");

        return api;
    }
}
