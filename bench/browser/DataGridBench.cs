using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Laoshi.Bench.Browser;

/// <summary>
/// The data page over a large project: time from opening the page to its first page of item cards drawn, and from
/// pressing "Load more" to the next page drawn, without a filter and with the has-prediction and annotator filters.
/// </summary>
public static class DataGridBench
{
    public const string Project = "grid";
    /// <summary>Every 50th item has a model's prediction; every 200th an annotation by <see cref="Annotator"/>.</summary>
    public const int PredictionEvery = 50;
    public const int AnnotationEvery = 200;
    public const string Annotator = "grid-annotator";

    private const string Config = """
        <View><Text name="text" value="$text"/>
          <Choices name="emotion" toName="text" choice="single"><Choice value="joy"/><Choice value="sadness"/></Choices>
        </View>
        """;

    /// <summary>Creates the project and imports <paramref name="items"/> short sentences as one streamed JSONL upload.</summary>
    public static async Task<TimeSpan> SetUpAsync(HttpClient http, int items)
    {
        var created = await http.PostAsJsonAsync("/api/v1/projects", new JsonObject { ["name"] = Project, ["schema"] = Config });
        created.EnsureSuccessStatusCode();
        var file = Path.GetTempFileName();
        try
        {
            await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16))
            {
                for (var i = 0; i < items; i++) await writer.WriteLineAsync(Task(i).ToJsonString());
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var body = File.OpenRead(file);
            var response = await http.PostAsync($"/api/v1/projects/{Project}/import?format=jsonl", new StreamContent(body));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
            return clock.Elapsed;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonObject Task(int i)
    {
        var task = new JsonObject { ["data"] = new JsonObject { ["text"] = $"Short sentence {i} of the data grid benchmark." } };
        JsonArray Choice(string value) => new(new JsonObject
        {
            ["id"] = $"c{i}", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
            ["value"] = new JsonObject { ["choices"] = new JsonArray(value) },
        });
        if (i % PredictionEvery == 0) task["predictions"] = new JsonArray(new JsonObject { ["model_version"] = "grid-model-1", ["score"] = 0.9, ["result"] = Choice("joy") });
        if (i % AnnotationEvery == 0) task["annotations"] = new JsonArray(new JsonObject { ["completed_by"] = Annotator, ["result"] = Choice("sadness") });
        return task;
    }

    /// <summary>
    /// The server side of opening the data page, request by request (milliseconds, as the client sees them), to say
    /// where the page's time goes.
    /// </summary>
    public static async Task<JsonObject> ApiTimingsAsync(HttpClient http, int samples)
    {
        var requests = new (string Name, string Path)[]
        {
            ("project", $"/api/v1/projects/{Project}"),
            ("activity", $"/api/v1/projects/{Project}/stats/activity"),
            ("items_first_page", $"/api/v1/projects/{Project}/items?limit=48"),
            ("items_has_prediction", $"/api/v1/projects/{Project}/items?limit=48&filter=has_prediction"),
            ("items_annotator", $"/api/v1/projects/{Project}/items?limit=48&filter=annotator%3D%22{Annotator}%22"),
        };
        var result = new JsonObject();
        foreach (var (name, path) in requests)
        {
            var times = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var p = Percentiles.Of(times);
            result[name] = new JsonObject { ["p50"] = p.P50, ["p95"] = p.P95 };
        }
        return result;
    }

    /// <summary>First page and next page timings for the data page opened with this URL query ("" for no filter).</summary>
    public static async Task<(Percentiles FirstPage, Percentiles NextPage)> MeasureAsync(IBrowser browser, Uri baseAddress, string sessionCookie, string query, int opens, int pages)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "laoshi_session", Value = sessionCookie, Domain = baseAddress.Host, Path = "/" }]);
        var page = await context.NewPageAsync();
        var hash = $"#/p/{Project}{(query.Length > 0 ? "?" + query : "")}";
        var first = new List<double>();
        for (var i = 0; i < opens; i++)
        {
            // From the new-project page, which asks the server nothing, so only the data page's own requests are timed.
            await page.GotoAsync("/#/new");
            await page.Locator("#new-name").WaitForAsync();
            first.Add(await page.EvaluateAsync<double>(PageProbes.GridTime, new object[] { "open", hash }));
        }
        var next = new List<double>();
        for (var i = 0; i < pages; i++)
        {
            var took = await page.EvaluateAsync<double>(PageProbes.GridTime, new object[] { "next", hash });
            if (took < 0) break; // the last page is shown
            next.Add(took);
        }
        // The filters must have been applied: every card shown should match them.
        if (query.Contains("prediction=1", StringComparison.Ordinal))
        {
            var ids = await page.EvaluateAsync<long[]>("() => [...document.querySelectorAll('ul.grid > li.item-card a')].map(a => Number(new URLSearchParams(a.getAttribute('href').split('?')[1]).get('item')))");
            if (ids.Length < 2 || ids.Zip(ids.Skip(1)).Any(p => p.Second - p.First != PredictionEvery))
                throw new InvalidOperationException("the has-prediction filter did not select every 50th item");
        }
        return (Percentiles.Of(first), Percentiles.Of(next));
    }
}
