using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Laoshi.Server.Access;
using Laoshi.Server.Demo;
using Laoshi.Server.Hosting;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Laoshi.Web.Tests.WebFixture))]
// One server and one browser serve every test; tests take items from shared demo queues, so they run one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Laoshi.Web.Tests;

/// <summary>
/// A real Laoshi server on a free loopback port over a fresh demo data folder, serving the built web UI,
/// and a headless system Chromium driven by Playwright.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private WebApplication? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public const string AdminEmail = "admin@laoshi.test";
    private string sessionCookie = "";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"laoshi-web-test-{Guid.NewGuid():N}");
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Api { get; private set; } = new();
    public IBrowser Browser => browser ?? throw new InvalidOperationException("the browser has not started");

    public async ValueTask InitializeAsync()
    {
        var webRoot = RepoPaths.RequireWebDist();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        app = await LaoshiServer.BuildAsync(new ServerSettings
        {
            DataDirectory = DataDirectory,
            Urls = BaseAddress.ToString().TrimEnd('/'),
            WebRoot = webRoot,
        });
        await app.StartAsync();
        await new DemoBuilder(app.Services.GetRequiredService<LaoshiStore>(), app.Services.GetRequiredService<ImportService>())
            .BuildAsync(CancellationToken.None);
        // The tests act as a server admin: the API client through a token, each browser through a signed-in session.
        var accounts = app.Services.GetRequiredService<AccountService>();
        var admin = await accounts.CreateAsync(AdminEmail, null, isAdmin: true);
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await accounts.CreateTokenAsync(admin.Account.Id, "web tests")).Token);
        sessionCookie = await SignInAsync(AdminEmail, admin.GeneratedPassword!);

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Creates an account (with a generated password, returned) and gives it a role in a project.</summary>
    public async Task<string> PersonAsync(string email, string project, string role)
    {
        var accounts = app!.Services.GetRequiredService<AccountService>();
        var store = app.Services.GetRequiredService<LaoshiStore>();
        var created = await accounts.CreateAsync(email, null, isAdmin: false);
        await store.Memberships.SetAsync((await store.Projects.GetAsync(project)).Id, created.Account.Id, role);
        return created.GeneratedPassword!;
    }

    /// <summary>
    /// A fresh browser profile signed in as <paramref name="email"/> holding <paramref name="role"/> in
    /// <paramref name="project"/> (the account is made on first use; a later call gives it a new password).
    /// </summary>
    public async Task<BrowserPage> OpenAsAsync(string email, string project, string role, string locale = "en-US")
    {
        var accounts = app!.Services.GetRequiredService<AccountService>();
        var store = app.Services.GetRequiredService<LaoshiStore>();
        var password = $"pw-{Guid.NewGuid():N}";
        var account = await store.Accounts.FindAsync(email);
        long id;
        if (account is null) id = (await accounts.CreateAsync(email, password, isAdmin: false)).Account.Id;
        else
        {
            id = account.Id;
            await accounts.SetPasswordAsync(id, password);
        }
        await store.Memberships.SetAsync((await store.Projects.GetAsync(project)).Id, id, role);
        return await OpenWithSessionAsync(await SignInAsync(email, password), locale);
    }

    /// <summary>Signs in over HTTP and returns the session cookie's value.</summary>
    private async Task<string> SignInAsync(string email, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
        response.EnsureSuccessStatusCode();
        var prefix = AccessHosting.SessionCookie + "=";
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal));
        return cookie[prefix.Length..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>
    /// A fresh browser profile (English, 1280×800) with a page open on nothing yet, signed in as the admin unless
    /// <paramref name="signedIn"/> is false.
    /// </summary>
    public Task<BrowserPage> OpenAsync(string locale = "en-US", bool signedIn = true) => OpenWithSessionAsync(signedIn ? sessionCookie : null, locale);

    private async Task<BrowserPage> OpenWithSessionAsync(string? session, string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(10_000);
        if (session is not null)
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie
            {
                Name = AccessHosting.SessionCookie, Value = session, Domain = BaseAddress.Host, Path = "/",
                HttpOnly = true, SameSite = SameSiteAttribute.Strict,
            }]);
        }
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        Api.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One browser profile and its page; closing it throws the profile away.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public IBrowserContext Context { get; } = context;

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
