using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>The caller's own API tokens: create (shown once), list, revoke.</summary>
public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tokens", async (HttpContext context, AccountService accounts, CancellationToken ct) =>
        {
            var body = context.Request.ContentLength is 0 ? [] : await ApiJson.ReadObjectAsync(context.Request, ct);
            var token = await accounts.CreateTokenAsync(Caller.Id(context.User)!.Value, ApiJson.OptionalString(body, "name"), ct);
            AuditNote.For(context).Target = $"token {token.Info.Id.ToString(CultureInfo.InvariantCulture)}";
            return TypedResults.Created($"/api/v1/tokens/{token.Info.Id}", TokenResponse.From(token.Info, token.Token));
        }).WithName("CreateToken").RequireSignedIn().WithMetadata(new RequestShape(typeof(CreateTokenRequest)))
          .WithSummary("Creates an API token for the caller; the response is the only time the token is shown.");

        api.MapGet("/tokens", async (HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var tokens = await store.Tokens.ListAsync(Caller.Id(context.User)!.Value, ct);
            return TypedResults.Ok(new TokenListResponse(tokens.Select(t => TokenResponse.From(t)).ToList()));
        }).WithName("ListTokens").RequireSignedIn().WithSummary("The caller's tokens (names and dates, never the tokens).");

        api.MapDelete("/tokens/{id:long}", async (long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            AuditNote.For(context).Target = $"token {id.ToString(CultureInfo.InvariantCulture)}";
            if (!await store.Tokens.RevokeAsync(Caller.Id(context.User)!.Value, id, ct)) throw new NotFoundException($"token {id}");
            return TypedResults.NoContent();
        }).WithName("RevokeToken").RequireSignedIn().WithSummary("Revokes one of the caller's tokens at once.");

        return api;
    }
}
