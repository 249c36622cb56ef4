using System.Net;
using System.Net.Sockets;
using Laoshi.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Laoshi.Server.Tests;

/// <summary>A real Laoshi server on a free loopback port, over a fresh data folder and database.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"laoshi-test-{Guid.NewGuid():N}");
    public string? Database { get; protected set; }
    public HttpClient Client { get; private set; } = new();
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public IServiceProvider Services => app!.Services;

    protected abstract Task<string?> CreateDatabaseAsync();
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

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
        });
        await app.StartAsync();
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

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
    public virtual Task<HttpClient> ClientAsAsync(string user, string project, string role = "annotator")
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(Api.ApiUser.Header, user);
        return Task.FromResult(client);
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
