using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>
/// A real Laoshi server on a free loopback port, over a fresh data folder and database. <see cref="Client"/> acts as
/// a server admin (<see cref="AdminEmail"/>) through an API token; <see cref="ClientAsAsync"/> makes other people.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"laoshi-test-{Guid.NewGuid():N}");
    public string? Database { get; protected set; }
    public const string AdminEmail = "admin@laoshi.test";

    public HttpClient Client { get; private set; } = new();
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public IServiceProvider Services => app!.Services;

    protected abstract Task<string?> CreateDatabaseAsync();
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>Adds services to the server before it starts (e.g. test-only job handlers).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        app = await LaoshiServer.BuildAsync(new ServerSettings
        {
            DataDirectory = DataDirectory,
            Database = Database,
            Urls = BaseAddress.ToString().TrimEnd('/'),
        }, ConfigureServices);
        await app.StartAsync();
        var admin = await Accounts.CreateAsync(AdminEmail, null, isAdmin: true);
        Client = await ClientWithTokenAsync(admin.Account.Id);
    }

    public AccountService Accounts => Services.GetRequiredService<AccountService>();
    public LaoshiStore Store => Services.GetRequiredService<LaoshiStore>();

    /// <summary>A client without credentials.</summary>
    public HttpClient AnonymousClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client that sends a new API token of the account.</summary>
    public async Task<HttpClient> ClientWithTokenAsync(long accountId)
    {
        var token = await Accounts.CreateTokenAsync(accountId, "test");
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>The account with that email, created (with a generated password) when it does not exist yet.</summary>
    public async Task<AccountInfo> AccountAsync(string email, bool isAdmin = false) =>
        await Store.Accounts.FindAsync(email) ?? (await Accounts.CreateAsync(email, null, isAdmin)).Account;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await DropDatabaseAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A client that acts as <paramref name="user"/> holding <paramref name="role"/> (annotator, reviewer, manager,
    /// owner) in <paramref name="project"/>. Tests that need several people use this, so how a person signs in
    /// is decided here once.
    /// </summary>
    public virtual async Task<HttpClient> ClientAsAsync(string user, string project, string role = "annotator")
    {
        if (!ProjectRoles.TryParse(role, out var parsed)) throw new ArgumentException($"'{role}' is not a role", nameof(role));
        var account = await AccountAsync(user);
        var resolved = await Store.Projects.GetAsync(project);
        await Store.Memberships.SetAsync(resolved.Id, account.Id, ProjectRoles.Name(parsed));
        return await ClientWithTokenAsync(account.Id);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteServerFixture : ServerFixture
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgresServerFixture : ServerFixture
{
    protected override async Task<string?> CreateDatabaseAsync() =>
        TestPostgres.Skipped ? null : await TestPostgres.CreateDatabaseAsync();

    protected override Task DropDatabaseAsync() =>
        Database is null ? Task.CompletedTask : TestPostgres.DropDatabaseAsync(Database);
}
