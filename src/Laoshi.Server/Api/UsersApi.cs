using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>Accounts, for server admins: list them and create them (a generated password is returned once).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", async (int? limit, string? cursor, LaoshiStore store, CancellationToken ct) =>
        {
            var page = await store.Accounts.ListAsync(limit ?? 100, cursor, ct);
            return TypedResults.Ok(new UserListResponse(page.Items.Select(a => UserResponse.From(a)).ToList(), page.Next));
        }).WithName("ListUsers").RequireAdmin().WithSummary("Every account, paged by cursor.");

        api.MapPost("/users", async (HttpContext context, AccountService accounts, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var isAdmin = body["is_admin"] is { } flag && flag.GetValueKind() == System.Text.Json.JsonValueKind.True;
            var created = await accounts.CreateAsync(ApiJson.RequiredString(body, "email"), ApiJson.OptionalString(body, "password"), isAdmin,
                ApiJson.OptionalString(body, "display_name"), ct);
            var note = AuditNote.For(context);
            note.Target = created.Account.Email;
            note.Detail["is_admin"] = isAdmin;
            return TypedResults.Created($"/api/v1/users/{created.Account.Id}", UserResponse.From(created.Account, created.GeneratedPassword));
        }).WithName("CreateUser").RequireAdmin().WithMetadata(new RequestShape(typeof(CreateUserRequest)))
          .WithSummary("Creates an account; without a password one is generated and returned in this response only.");

        return api;
    }
}
