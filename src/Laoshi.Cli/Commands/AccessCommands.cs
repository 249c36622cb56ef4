using System.CommandLine;
using System.Text.Json;
using Laoshi.Core.Errors;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;

namespace Laoshi.Cli.Commands;

/// <summary>
/// People and access from the command line: `user add`, `member add`, `token create`. They act on the data folder
/// directly (whoever can run them there can read the database anyway), and write to the audit log as "cli:USER".
/// </summary>
public static class AccessCommands
{
    public static Command User(GlobalOptions global)
    {
        var email = new Argument<string>("EMAIL") { Description = "The person's email (their sign-in name)" };
        var admin = new Option<bool>("--admin") { Description = "Make the person a server admin" };
        var name = new Option<string?>("--name") { Description = "Display name (default: the email)" };
        var add = new Command("add", "Create an account. The password is read from standard input when it is piped, else generated and printed once.")
            { email, admin, name };
        add.SetAction(async (result, ct) =>
        {
            var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : null;
            if (string.IsNullOrEmpty(password)) password = null;
            await using var bench = await global.OpenAsync(result, ct);
            var created = await bench.Accounts.CreateAsync(result.GetValue(email)!, password, result.GetValue(admin), result.GetValue(name), ct);
            await AuditAsync(bench, "user_add", created.Account.Email, null, new { is_admin = created.Account.IsAdmin }, ct);
            Console.WriteLine($"Created {(created.Account.IsAdmin ? "server admin" : "account")} {created.Account.Email} (id {created.Account.Id}).");
            if (created.GeneratedPassword is not null) Console.WriteLine($"Password (shown once): {created.GeneratedPassword}");
            return 0;
        });
        var user = new Command("user", "Manage accounts.");
        user.Subcommands.Add(add);
        return user;
    }

    public static Command Member(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var email = new Argument<string>("EMAIL") { Description = "The person's email" };
        var role = new Option<string>("--role") { Description = "owner, manager, reviewer or annotator", Required = true };
        var add = new Command("add", "Give a person a role in a project (or change their role).") { project, email, role };
        add.SetAction(async (result, ct) =>
        {
            var roleName = result.GetValue(role)!;
            if (!ProjectRoles.TryParse(roleName, out var parsed))
                throw new BadInputException($"'{roleName}' is not a role; use owner, manager, reviewer or annotator", field: "role");
            await using var bench = await global.OpenAsync(result, ct);
            var found = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var account = await bench.Store.Accounts.FindAsync(result.GetValue(email)!, ct)
                ?? throw new NotFoundException($"account '{result.GetValue(email)}' (create it with: laoshi user add EMAIL)");
            await bench.Store.Memberships.SetAsync(found.Id, account.Id, ProjectRoles.Name(parsed), ct);
            await AuditAsync(bench, "set_member", account.Email, found.Id, new { role = ProjectRoles.Name(parsed) }, ct);
            Console.WriteLine($"{account.Email} is now {ProjectRoles.Name(parsed)} of {found.Name}.");
            return 0;
        });
        var member = new Command("member", "Manage project members.");
        member.Subcommands.Add(add);
        return member;
    }

    public static Command Token(GlobalOptions global)
    {
        var email = new Argument<string>("EMAIL") { Description = "Whose token" };
        var name = new Option<string?>("--name") { Description = "What the token is for (shown in the token list)" };
        var create = new Command("create", "Create an API token and print it (once): send it as `Authorization: Bearer TOKEN`.") { email, name };
        create.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var account = await bench.Store.Accounts.FindAsync(result.GetValue(email)!, ct)
                ?? throw new NotFoundException($"account '{result.GetValue(email)}'");
            var token = await bench.Accounts.CreateTokenAsync(account.Id, result.GetValue(name) ?? "cli", ct);
            await AuditAsync(bench, "create_token", $"token {token.Info.Id}", null, new { owner = account.Email }, ct);
            Console.WriteLine(token.Token);
            return 0;
        });
        var command = new Command("token", "Manage API tokens.");
        command.Subcommands.Add(create);
        return command;
    }

    private static Task AuditAsync(Workbench bench, string action, string target, long? projectId, object detail, CancellationToken ct) =>
        bench.Store.Audit.AppendAsync(new AuditEntry(action, Actor: $"cli:{Environment.UserName}", ProjectId: projectId, Target: target,
            Detail: JsonSerializer.Serialize(detail)), ct);
}
