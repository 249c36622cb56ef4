using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Who works on a project and as what. Owners only: roles decide who may change the rules, import, export and see
/// everyone's answers, so handing them out stays with the people who own the project (and server admins).
/// </summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/members", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var members = await store.Memberships.ListAsync(project.Id, ct);
            return TypedResults.Ok(new MemberListResponse(members.Select(MemberResponse.From).ToList()));
        }).WithName("ListMembers").RequireProjectRole(ProjectRole.Owner).WithSummary("The project's members and their roles.");

        api.MapPost("/projects/{p}/members", async (string p, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var email = ApiJson.RequiredString(body, "email");
            var roleName = ApiJson.RequiredString(body, "role");
            if (!ProjectRoles.TryParse(roleName, out var role))
                throw new BadInputException($"'{roleName}' is not a role; use owner, manager, reviewer or annotator", path: "$.role", field: "role");
            var account = await store.Accounts.FindAsync(email, ct)
                ?? throw new BadInputException($"no account has the email '{email}'; a server admin creates accounts (laoshi user add)", path: "$.email", field: "email");
            var members = await store.Memberships.ListAsync(project.Id, ct);
            if (role != ProjectRole.Owner) await EnsureAnotherOwnerAsync(members, account.Id, project.Name);
            await store.Memberships.SetAsync(project.Id, account.Id, ProjectRoles.Name(role), ct);
            var note = AuditNote.For(context);
            note.Target = account.Email;
            note.Detail["role"] = ProjectRoles.Name(role);
            note.Detail["previous_role"] = members.FirstOrDefault(m => m.UserId == account.Id)?.Role;
            var saved = (await store.Memberships.ListAsync(project.Id, ct)).First(m => m.UserId == account.Id);
            return TypedResults.Ok(MemberResponse.From(saved));
        }).WithName("SetMember").RequireProjectRole(ProjectRole.Owner).WithMetadata(new RequestShape(typeof(MemberRequest)))
          .WithSummary("Adds a person (by email) to the project with a role, or changes their role.");

        api.MapDelete("/projects/{p}/members/{email}", async (string p, string email, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var account = await store.Accounts.FindAsync(email, ct) ?? throw new NotFoundException($"member '{email}'");
            AuditNote.For(context).Target = account.Email;
            await EnsureAnotherOwnerAsync(await store.Memberships.ListAsync(project.Id, ct), account.Id, project.Name);
            if (!await store.Memberships.RemoveAsync(project.Id, account.Id, ct)) throw new NotFoundException($"member '{email}'");
            return TypedResults.NoContent();
        }).WithName("RemoveMember").RequireProjectRole(ProjectRole.Owner).WithSummary("Takes a person out of the project.");

        return api;
    }

    /// <summary>A project keeps at least one owner, so someone can always manage its people.</summary>
    private static Task EnsureAnotherOwnerAsync(IReadOnlyList<MemberInfo> members, long leaving, string project)
    {
        var owners = members.Where(m => m.Role == "owner").ToList();
        if (owners.Count == 1 && owners[0].UserId == leaving)
            throw new ConflictException($"'{owners[0].Email}' is the last owner of '{project}'; make someone else owner first");
        return Task.CompletedTask;
    }
}
