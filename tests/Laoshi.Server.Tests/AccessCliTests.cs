using System.Diagnostics;
using Laoshi.Server.Access;
using Laoshi.Server.Demo;
using Laoshi.Server.Hosting;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi user add`, `member add` and `token create` on a data folder, and the demo's people.</summary>
public sealed class AccessCliTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), $"laoshi-cli-access-{Guid.NewGuid():N}");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }

    private async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        using var process = Process.Start(CliProcess.StartInfo(data, args))!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private Task<Workbench> OpenAsync() => Workbench.OpenAsync(new ServerSettings { DataDirectory = data }, null, Ct);

    [Fact]
    public async Task Users_get_a_generated_or_piped_password_roles_and_tokens_that_work()
    {
        var generated = await CliProcess.RunAsync(data, "user", "add", "Ana@Example.test", "--admin");
        Assert.True(generated.ExitCode == 0, generated.Error);
        var password = generated.Output.Split('\n').Single(l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))["Password (shown once): ".Length..].Trim();
        var piped = await RunWithInputAsync("correct horse battery\n", "user", "add", "bo@example.test");
        Assert.True(piped.ExitCode == 0, piped.Error);
        Assert.DoesNotContain("Password", piped.Output);
        var duplicate = await CliProcess.RunAsync(data, "user", "add", "ana@example.test");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error);

        var schema = Path.Combine(data, "..", $"schema-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(schema, TestSchemas.TextConfig, Ct);
        try
        {
            Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", schema)).ExitCode);
        }
        finally
        {
            File.Delete(schema);
        }
        var member = await CliProcess.RunAsync(data, "member", "add", "feelings", "BO@example.test", "--role", "reviewer");
        Assert.True(member.ExitCode == 0, member.Error);
        Assert.Contains("bo@example.test is now reviewer of feelings", member.Output);
        var badRole = await CliProcess.RunAsync(data, "member", "add", "feelings", "bo@example.test", "--role", "boss");
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("'boss' is not a role", badRole.Error);

        var token = await CliProcess.RunAsync(data, "token", "create", "bo@example.test");
        Assert.True(token.ExitCode == 0, token.Error);

        await using var bench = await OpenAsync();
        var ana = await bench.Accounts.SignInAsync("ana@example.test", password, Ct);
        Assert.True(ana.Succeeded);
        Assert.True(ana.Account!.IsAdmin);
        Assert.Equal("Ana@Example.test", ana.Account.Email);
        Assert.True((await bench.Accounts.SignInAsync("bo@example.test", "correct horse battery", Ct)).Succeeded);
        var bo = await bench.Accounts.FindByTokenAsync(token.Output.Trim(), Ct);
        Assert.Equal("bo@example.test", bo!.Email);
        var project = await bench.Store.Projects.GetAsync("feelings", Ct);
        Assert.Equal("reviewer", await bench.Store.Memberships.RoleAsync(project.Id, bo.Id, Ct));
        var audit = await bench.Store.Audit.ListAsync(new Storage.AuditQuery(), Ct);
        Assert.Equal(["user_add", "user_add", "set_member", "create_token"], audit.Items.Select(e => e.Action));
        Assert.All(audit.Items, e => Assert.StartsWith("cli:", e.Actor));
    }

    [Fact]
    public async Task The_demo_people_can_sign_in_belong_to_the_projects_and_their_passwords_are_kept_private()
    {
        await using var bench = await OpenAsync();
        var (schema, json) = Api.ProjectSchemas.Parse(TestSchemas.TextConfig);
        await bench.Store.Projects.CreateAsync("demo-text", schema, json, Ct);
        var people = new DemoPeople(bench.Store, bench.Accounts);
        var credentials = await people.CreateAsync(["demo-text"], Ct);
        Assert.Equal(5, credentials.Count);
        Assert.Single(credentials, c => c.Role == "admin");
        Assert.Equal(3, credentials.Count(c => c.Role == "annotator"));
        foreach (var c in credentials) Assert.True((await bench.Accounts.SignInAsync(c.Email, c.Password, Ct)).Succeeded, c.Email);
        var members = await bench.Store.Memberships.ListAsync((await bench.Store.Projects.GetAsync("demo-text", Ct)).Id, Ct);
        Assert.Equal(5, members.Count);

        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(people.CredentialsPath));
        Assert.Equal(credentials, await people.LoadAsync(Ct));
        // A second start makes nobody new and leaves the saved passwords alone.
        Assert.Empty(await people.CreateAsync(["demo-text"], Ct));
        Assert.Equal(credentials, await people.LoadAsync(Ct));
    }
}
