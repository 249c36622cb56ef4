using System.Net;
using System.Net.Http.Json;
using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>A browser session outlives a server restart: the key ring that protects the cookie lives in the data folder.</summary>
public sealed class SessionRestartTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), $"laoshi-restart-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(Uri address)
    {
        var app = await LaoshiServer.BuildAsync(new ServerSettings { DataDirectory = data, Urls = address.ToString().TrimEnd('/') });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_signed_in_browser_stays_signed_in_after_the_server_restarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var address = new Uri($"http://127.0.0.1:{ServerFixture.FreePort()}/");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };

        var first = await StartAsync(address);
        try
        {
            var created = await first.Services.GetRequiredService<AccountService>().CreateAsync("restart@laoshi.test", null, isAdmin: false, ct: ct);
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/v1/session", new { email = "restart@laoshi.test", password = created.GeneratedPassword }, ct)).StatusCode);
        }
        finally
        {
            await first.StopAsync(ct);
            await first.DisposeAsync();
        }

        var second = await StartAsync(address);
        try
        {
            var me = await browser.GetAsync("/api/v1/me", ct);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("restart@laoshi.test", await me.Content.ReadAsStringAsync(ct));
        }
        finally
        {
            await second.StopAsync(ct);
            await second.DisposeAsync();
        }
    }
}
