using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Bench.Browser;
using Laoshi.Server.Demo;
using Laoshi.Server.Hosting;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Browser measurements, each with its goal:
//  1. submit → next item drawn, over a project of --items items (p95 ≤ 100 ms);
//  2. the work of one mouse move while dragging out a box among --regions boxes (p95 ≤ 16 ms, one frame);
//  3. the same while moving a turned (rotated) box that is already there among them;
//  4. the data page over --grid-items items: first page and next page drawn, plain and filtered (context figures).
// --only submit,drag,grid picks some of them.
var options = BenchArgs.Parse(args);
var data = Path.Combine(Path.GetTempPath(), $"laoshi-browser-bench-{Guid.NewGuid():N}");
var port = FreePort();
var baseAddress = new Uri($"http://127.0.0.1:{port}/");
var app = await LaoshiServer.BuildAsync(new ServerSettings { DataDirectory = data, Urls = baseAddress.ToString().TrimEnd('/'), WebRoot = options.WebRoot });
try
{
    await app.StartAsync();
    await new DemoBuilder(app.Services.GetRequiredService<LaoshiStore>(), app.Services.GetRequiredService<ImportService>()).BuildAsync(CancellationToken.None);
    // The benchmark acts as a server admin: a token for its API calls, a session cookie for the browser.
    var accounts = app.Services.GetRequiredService<Laoshi.Server.Access.AccountService>();
    var admin = await accounts.CreateAsync("bench-admin@laoshi.bench", null, isAdmin: true);
    using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    http.DefaultRequestHeaders.Authorization = new("Bearer", (await accounts.CreateTokenAsync(admin.Account.Id, "bench")).Token);
    var sessionCookie = await SignInAsync(baseAddress, "bench-admin@laoshi.bench", admin.GeneratedPassword!);

    var report = new JsonObject { ["machine_load"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null };
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
    });

    if (options.Runs("submit") || options.Runs("drag"))
    {
        await CreateAsync(http, "queue", """
            <View><Text name="text" value="$text"/>
              <Choices name="emotion" toName="text" choice="single"><Choice value="joy" hotkey="j"/><Choice value="sadness" hotkey="s"/></Choices>
            </View>
            """);
        var importClock = System.Diagnostics.Stopwatch.StartNew();
        await ImportAsync(http, "queue", Enumerable.Range(0, options.Items).Select(i =>
            new JsonObject { ["data"] = new JsonObject { ["text"] = $"Sentence number {i} for the queue benchmark." } }));
        Console.Error.WriteLine($"imported {options.Items} items in {importClock.Elapsed.TotalSeconds:F1} s");

        await CreateAsync(http, "crowded", """
            <View><Image name="image" value="$image"/>
              <RectangleLabels name="furniture" toName="image"><Label value="sofa"/><Label value="lamp"/></RectangleLabels>
            </View>
            """);
        // The issue's case: 500 regions on a 4000 × 3000 picture, uploaded as one file like a person would.
        var picture = DemoImages.Render(new Random(7), 4000, 3000);
        using (var upload = new ByteArrayContent(picture.Png) { Headers = { ContentType = new("image/png") } })
            (await http.PostAsync("/api/v1/projects/crowded/import?filename=crowded-4000x3000.png", upload)).EnsureSuccessStatusCode();
        var crowdedItem = (await http.GetFromJsonAsync<JsonObject>("/api/v1/projects/crowded/items?limit=1"))!["items"]![0]!["id"]!.GetValue<long>();

        if (options.Runs("submit"))
        {
            var submit = await SubmitToNextAsync(browser, baseAddress, sessionCookie, options.Submits);
            report["submit_to_next_item_drawn_ms"] = Figures(submit, options.Items, "items", 100);
        }
        if (options.Runs("drag"))
        {
            var drag = await DragAmongRegionsAsync(browser, baseAddress, sessionCookie, crowdedItem, options.Regions);
            report["drag_box_mouse_move_work_ms"] = Figures(drag.MoveWork, options.Regions, "regions", 16);
            report["drag_box_animation_frame_interval_ms"] = new JsonObject { ["samples"] = drag.Frames.Count, ["p50"] = drag.Frames.P50, ["p95"] = drag.Frames.P95, ["p99"] = drag.Frames.P99, ["max"] = drag.Frames.Max };
            var turned = await MoveTurnedBoxAmongRegionsAsync(browser, baseAddress, sessionCookie, crowdedItem, options.Regions);
            report["move_turned_box_mouse_move_work_ms"] = Figures(turned, options.Regions, "regions", 16);
        }
    }

    if (options.Runs("grid"))
    {
        var imported = await DataGridBench.SetUpAsync(http, options.GridItems);
        Console.Error.WriteLine($"imported {options.GridItems} grid items in {imported.TotalSeconds:F1} s");
        var grid = new JsonObject { ["items"] = options.GridItems, ["import_s"] = Math.Round(imported.TotalSeconds, 1), ["page_size"] = 48 };
        grid["api_ms"] = await DataGridBench.ApiTimingsAsync(http, 20);
        foreach (var (name, query) in new[] { ("no_filter", ""), ("has_prediction", "prediction=1"), ("annotator", $"annotator={DataGridBench.Annotator}") })
        {
            var (first, next) = await DataGridBench.MeasureAsync(browser, baseAddress, sessionCookie, query, opens: 20, pages: 40);
            grid[name] = new JsonObject { ["query"] = query, ["first_page_ms"] = Summary(first), ["next_page_ms"] = Summary(next) };
            Console.Error.WriteLine($"grid {name}: first p95 {first.P95} ms, next p95 {next.P95} ms");
        }
        grid["note"] = $"every {DataGridBench.PredictionEvery}th item has a prediction, every {DataGridBench.AnnotationEvery}th an annotation by {DataGridBench.Annotator}";
        report["data_grid"] = grid;
    }
    Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
}

static JsonObject Figures(Percentiles p, int size, string sizeName, double goalP95) => new()
{
    [sizeName] = size,
    ["samples"] = p.Count, ["p50"] = p.P50, ["p95"] = p.P95, ["p99"] = p.P99, ["max"] = p.Max,
    ["goal_p95"] = goalP95, ["target_met"] = p.P95 <= goalP95,
};

static JsonObject Summary(Percentiles p) => new() { ["samples"] = p.Count, ["p50"] = p.P50, ["p95"] = p.P95, ["p99"] = p.P99, ["max"] = p.Max };

static async Task<Percentiles> SubmitToNextAsync(IBrowser browser, Uri baseAddress, string sessionCookie, int submits)
{
    await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
    await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "laoshi_session", Value = sessionCookie, Domain = baseAddress.Host, Path = "/" }]);
    var page = await context.NewPageAsync();
    await page.GotoAsync("/#/p/queue/work");
    await page.Locator("[data-item-id]").WaitForAsync();
    await page.EvaluateAsync(PageProbes.SubmitToNext);
    var submitButton = page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true });
    const int warmup = 10;
    for (var i = 0; i < submits + warmup; i++)
    {
        await page.Keyboard.PressAsync(i % 2 == 0 ? "j" : "s");
        await submitButton.ClickAsync();
        await page.WaitForFunctionAsync("n => window.__submitToNext.length >= n", i + 1);
        // A person reads the next item before answering; this also lets the UI's prefetch finish, as it would.
        await page.WaitForTimeoutAsync(150);
    }
    var all = await page.EvaluateAsync<double[]>("() => window.__submitToNext");
    return Percentiles.Of(all.Skip(warmup).ToArray());
}

static async Task<(Percentiles MoveWork, Percentiles Frames)> DragAmongRegionsAsync(IBrowser browser, Uri baseAddress, string sessionCookie, long item, int regions)
{
    await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
    await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "laoshi_session", Value = sessionCookie, Domain = baseAddress.Host, Path = "/" }]);
    var (page, box) = await OpenCrowdedAsync(context, item, regions);
    await page.GetByRole(AriaRole.Button, new() { Name = "lamp", Exact = true }).ClickAsync();
    await page.EvaluateAsync(PageProbes.DragFrames);

    // Start in a gap between boxes (x 3.5 %, y 4.5 %) and drag the new box across the grid in 200 moves.
    await page.Mouse.MoveAsync((float)(box.X + box.Width * 0.035), (float)(box.Y + box.Height * 0.045));
    await page.Mouse.DownAsync();
    await page.Mouse.MoveAsync((float)(box.X + box.Width * 0.7), (float)(box.Y + box.Height * 0.8), new() { Steps = 200 });
    await page.Mouse.UpAsync();
    await page.EvaluateAsync("() => { window.__stopFrames = true; }");
    var drawn = await page.GetByRole(AriaRole.List, new() { Name = "Regions" }).GetByRole(AriaRole.Listitem).CountAsync();
    if (drawn != regions + 1) throw new InvalidOperationException($"the drag did not draw a box: {drawn} regions, expected {regions + 1}");
    var work = await page.EvaluateAsync<double[]>("() => window.__moveWork");
    var frames = await page.EvaluateAsync<double[]>("() => window.__frames");
    return (Percentiles.Of(work), Percentiles.Of(frames));
}

/// <summary>Selects the box in the middle of the grid, turns it 30° with Shift+], and drags it across the grid in 200 moves.</summary>
static async Task<Percentiles> MoveTurnedBoxAmongRegionsAsync(IBrowser browser, Uri baseAddress, string sessionCookie, long item, int regions)
{
    await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
    await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "laoshi_session", Value = sessionCookie, Domain = baseAddress.Host, Path = "/" }]);
    var (page, box) = await OpenCrowdedAsync(context, item, regions);
    // The grid's middle box: column c, row r spans x 4c+1 … 4c+3 %, y 5r+1 … 5r+4 % (see OpenCrowdedAsync).
    var middle = regions / 2;
    var (col, row) = (middle % 25, middle / 25);
    var (cx, cy) = (box.X + box.Width * (col * 4 + 2) / 100, box.Y + box.Height * ((row * 5 + 1) % 100 + 1.5) / 100);
    await page.Mouse.ClickAsync((float)cx, (float)cy);
    await page.Keyboard.PressAsync("Shift+BracketRight");
    await page.Keyboard.PressAsync("Shift+BracketRight");
    await page.EvaluateAsync(PageProbes.DragFrames);
    await page.Mouse.MoveAsync((float)cx, (float)cy);
    await page.Mouse.DownAsync();
    await page.Mouse.MoveAsync((float)(cx + box.Width * 0.3), (float)(cy + box.Height * 0.3), new() { Steps = 200 });
    await page.Mouse.UpAsync();
    await page.EvaluateAsync("() => { window.__stopFrames = true; }");
    var moved = await page.EvaluateAsync<double[]>($"() => {{ const r = JSON.parse(localStorage.getItem('laoshi.draft.crowded.{item}')).find(r => r.id === 'b{middle}').value; return [r.x, r.rotation]; }}");
    if (moved[0] < col * 4 + 20 || moved[1] != 30) throw new InvalidOperationException($"the turned box was not moved: x {moved[0]}, rotation {moved[1]}");
    return Percentiles.Of(await page.EvaluateAsync<double[]>("() => window.__moveWork"));
}

/// <summary>Opens the crowded picture with its boxes loaded; returns the page and the picture's box on screen.</summary>
static async Task<(IPage Page, LocatorBoundingBoxResult Picture)> OpenCrowdedAsync(IBrowserContext context, long item, int regions)
{
    // The boxes arrive as the workspace's saved draft of this item: a grid of small boxes with gaps between them.
    var boxes = new JsonArray();
    for (var i = 0; i < regions; i++)
    {
        var (col, row) = (i % 25, i / 25);
        boxes.Add(new JsonObject
        {
            ["id"] = $"b{i}", ["from_name"] = "furniture", ["to_name"] = "image", ["type"] = "rectanglelabels",
            ["value"] = new JsonObject { ["x"] = col * 4 + 1, ["y"] = (row * 5 + 1) % 100, ["width"] = 2, ["height"] = 3, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray("sofa") },
        });
    }
    var key = JsonSerializer.Serialize($"laoshi.draft.crowded.{item}");
    await context.AddInitScriptAsync($"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({key}, {JsonSerializer.Serialize(boxes.ToJsonString())}); sessionStorage.setItem('seeded', '1'); }}");
    var page = await context.NewPageAsync();
    await page.GotoAsync($"/#/p/crowded/work?item={item}");
    await page.Locator("[data-item-id]").WaitForAsync();
    await page.GetByRole(AriaRole.List, new() { Name = "Regions" }).GetByRole(AriaRole.Listitem).Nth(regions - 1).WaitForAsync();
    var img = page.GetByRole(AriaRole.Application, new() { Name = "Image annotation" }).Locator("img");
    await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await img.ElementHandleAsync());
    return (page, (await img.BoundingBoxAsync())!);
}

static async Task CreateAsync(HttpClient http, string name, string config)
{
    var response = await http.PostAsJsonAsync("/api/v1/projects", new JsonObject { ["name"] = name, ["schema"] = config });
    response.EnsureSuccessStatusCode();
}

static async Task ImportAsync(HttpClient http, string project, IEnumerable<JsonObject> tasks)
{
    var file = Path.GetTempFileName();
    try
    {
        await File.WriteAllLinesAsync(file, tasks.Select(t => t.ToJsonString()), Encoding.UTF8);
        await using var body = File.OpenRead(file);
        var response = await http.PostAsync($"/api/v1/projects/{project}/import?format=jsonl", new StreamContent(body));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }
    finally
    {
        File.Delete(file);
    }
}

/// <summary>Signs in over HTTP and returns the session cookie's value, for the browser contexts.</summary>
static async Task<string> SignInAsync(Uri baseAddress, string email, string password)
{
    using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = baseAddress };
    using var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
    response.EnsureSuccessStatusCode();
    var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("laoshi_session=", StringComparison.Ordinal));
    return cookie["laoshi_session=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>Command-line options of the browser benchmark.</summary>
internal sealed record BenchArgs(string WebRoot, int Items, int Submits, int Regions, int GridItems, string[] Only)
{
    private static readonly string[] Scenarios = ["submit", "drag", "grid"];

    public bool Runs(string scenario) => Only.Contains(scenario);

    public static BenchArgs Parse(string[] args)
    {
        var result = new BenchArgs(Path.Combine(Environment.CurrentDirectory, "web", "dist"), 100_000, 200, 500, 1_000_000, Scenarios);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            result = args[i] switch
            {
                "--web" => result with { WebRoot = Path.GetFullPath(value) },
                "--items" => result with { Items = int.Parse(value, CultureInfo.InvariantCulture) },
                "--submits" => result with { Submits = int.Parse(value, CultureInfo.InvariantCulture) },
                "--regions" => result with { Regions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--grid-items" => result with { GridItems = int.Parse(value, CultureInfo.InvariantCulture) },
                "--only" => result with { Only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"unknown option {args[i]}; known: --web DIR --items N --submits N --regions N --grid-items N --only submit,drag,grid"),
            };
        }
        if (result.Only.Except(Scenarios).FirstOrDefault() is { } unknown) throw new ArgumentException($"unknown scenario '{unknown}'; known: {string.Join(", ", Scenarios)}");
        if (!File.Exists(Path.Combine(result.WebRoot, "index.html"))) throw new ArgumentException($"no built UI at {result.WebRoot}: run scripts/web.sh");
        return result;
    }
}
