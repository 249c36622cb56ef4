using System.Net;
using System.Net.Sockets;
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
        Api = new HttpClient { BaseAddress = BaseAddress };

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser profile (English, 1280×800) with a page open on nothing yet.</summary>
    public async Task<BrowserPage> OpenAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(10_000);
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
