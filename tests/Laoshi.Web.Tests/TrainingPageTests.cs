using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Laoshi.Web.Tests;

/// <summary>
/// The Training page: a manager trains text-ngram on a small text project from the form (a value out of range is
/// refused beside its field first), sees the run with its accuracy, opens it, and compares two runs, one of them searched.
/// </summary>
public sealed partial class TrainingPageTests(WebFixture web)
{
    private const string Trainer = "text-ngram";
    private static readonly string[] JoyWords = ["happy", "glad", "wonderful", "delighted", "smile", "love"];
    private static readonly string[] SadWords = ["sad", "cry", "terrible", "lonely", "tears", "gloomy"];

    private static JsonObject Choice(string label) => new()
    {
        ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
    };

    /// <summary>40 short sentences whose emotion words give the label away, answered by one annotator.</summary>
    private static IEnumerable<JsonObject> Sentences() => Enumerable.Range(0, 40).Select(i =>
    {
        var joy = i % 2 == 0;
        var words = joy ? JoyWords : SadWords;
        var text = $"{words[i % words.Length]} and {words[(i / 2 + 1) % words.Length]} about day {i}";
        return new JsonObject
        {
            ["data"] = new JsonObject { ["text"] = text },
            ["annotations"] = new JsonArray(new JsonObject { ["completed_by"] = "ann", ["result"] = new JsonArray(Choice(joy ? "joy" : "sadness")) }),
        };
    });

    private async Task<string> ProjectWithSnapshotAsync(CancellationToken ct)
    {
        var project = TestProjects.UniqueName("train");
        var api = new LaoshiApi(web.Api);
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        await api.ImportAsync(project, Sentences(), ct);
        (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "train" }, ct)).EnsureSuccessStatusCode();
        return project;
    }

    private async Task<JsonArray> DeclaredParametersAsync(CancellationToken ct)
    {
        var trainers = (await web.Api.GetFromJsonAsync<JsonObject>("/api/v1/trainers", ct))!["trainers"]!.AsArray();
        return trainers.Single(x => (string)x!["name"]! == Trainer)!["parameters"]!.AsArray();
    }

    private async Task<JsonObject> RunAsync(string project, long id, CancellationToken ct) =>
        (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/runs/{id}", ct))!;

    /// <summary>Queues a training through the API; returns its job.</summary>
    private async Task<long> StartThroughApiAsync(string project, JsonObject parameters, JsonObject? search, CancellationToken ct)
    {
        var body = new JsonObject { ["trainer"] = Trainer, ["snapshot"] = "train", ["params"] = parameters, ["seed"] = 1, ["test_share"] = 0.25, ["search"] = search };
        var response = await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/runs", body, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["job_id"]!.GetValue<long>();
    }

    /// <summary>Waits for a training job to succeed; returns the run it made.</summary>
    private async Task<long> RunOfJobAsync(long job, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/jobs/{job}", ct))!;
            if ((string)state["state"]! == "succeeded") return state["result"]!["run_id"]!.GetValue<long>();
            Assert.True((string)state["state"]! is "queued" or "running", $"training job {job} ended: {state.ToJsonString()}");
            Assert.True(DateTime.UtcNow < deadline, $"training job {job} did not finish: {state.ToJsonString()}");
            await Task.Delay(200, ct);
        }
    }

    private static string Figure(double value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_training_started_from_the_page_shows_its_run_with_the_accuracy()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await ProjectWithSnapshotAsync(ct);
        var declared = await DeclaredParametersAsync(ct);

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/training");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Training", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Trainer", new() { Exact = true })).ToHaveValueAsync(Trainer);
        await Assertions.Expect(page.GetByText("No runs yet.")).ToBeVisibleAsync();

        // The form is drawn from what the trainer declares: one labelled input per parameter, its default filled in.
        foreach (var parameter in declared)
        {
            var name = (string)parameter!["name"]!;
            var input = page.Locator($"#param-{name}");
            await Assertions.Expect(input).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"label[for='param-{name}']")).ToHaveTextAsync(name);
            if ((string)parameter["type"]! is "int" or "float")
                Assert.Equal(parameter["default"]!.GetValue<double>(), double.Parse(await input.InputValueAsync(), CultureInfo.InvariantCulture));
        }

        // A value outside its declared range is refused by the server, and the reason shows beside that field.
        var ranged = declared.First(p => (string)p!["type"]! is "int" or "float" && p["max"] is JsonValue)!;
        var rangedName = (string)ranged["name"]!;
        await page.Locator($"#param-{rangedName}").FillAsync((ranged["max"]!.GetValue<double>() * 10 + 1).ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        var fieldError = page.Locator($"#param-{rangedName}-error");
        await Assertions.Expect(fieldError).ToContainTextAsync(rangedName);
        await Assertions.Expect(page.Locator($"#param-{rangedName}")).ToHaveAttributeAsync("aria-invalid", "true");

        // With the defaults back, Ctrl+Enter starts it: a job with progress and log, then the run in the list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset to defaults" }).ClickAsync();
        await page.GetByLabel("Held-out share").FillAsync("0.25");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(fieldError).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".train-job .job-widget")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(RunFinished())).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var runId = long.Parse(RunFinished().Match(await page.GetByText(RunFinished()).TextContentAsync() ?? "").Groups[1].Value, CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator(".train-job pre.job-log")).Not.ToBeEmptyAsync();

        var run = await RunAsync(project, runId, ct);
        var accuracy = run["metrics"]!["accuracy"]!.GetValue<double>();
        Assert.InRange(accuracy, 0.6, 1.0);
        var row = page.Locator($"table.train-runs tr[data-run='{runId}']");
        await Assertions.Expect(row).ToContainTextAsync($"accuracy {Figure(accuracy)}");
        await Assertions.Expect(row).ToContainTextAsync("train v1");

        // The run's own page: its parameters, held-out metrics and the model it registered, linked to the Models page.
        await row.GetByRole(AriaRole.Link, new() { Name = $"Open run {runId}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run {runId}: {Trainer} · train v1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Held-out metrics" })).ToContainTextAsync(Figure(accuracy));
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Parameters" }).Locator("tbody tr")).ToHaveCountAsync(declared.Count);
        if (run["model"] is JsonObject model)
        {
            var reference = $"{model["name"]}@{model["version"]}";
            await page.GetByRole(AriaRole.Link, new() { Name = $"Model {reference} on the Models page" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = reference })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Two_runs_compare_and_a_searched_run_shows_its_sortable_trials()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await ProjectWithSnapshotAsync(ct);
        // The second run searches (3 random trials, 2 folds) with word_ngrams fixed at 1 (the default is 2), so at least that differs.
        // Both train at once (the job engine runs two jobs side by side), then each job names its run.
        var firstJob = await StartThroughApiAsync(project, [], null, ct);
        var secondJob = await StartThroughApiAsync(project, new JsonObject { ["word_ngrams"] = 1 },
            new JsonObject { ["method"] = "random", ["trials"] = 3, ["folds"] = 2, ["budget_seconds"] = 60 }, ct);
        var first = await RunOfJobAsync(firstJob, ct);
        var second = await RunOfJobAsync(secondJob, ct);

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/training");
        var compare = page.GetByRole(AriaRole.Button, new() { Name = "Compare the two picked runs" });
        await page.GetByLabel($"Pick run {first} to compare").CheckAsync();
        await Assertions.Expect(compare).ToBeDisabledAsync();
        await page.GetByLabel($"Pick run {second} to compare").CheckAsync();
        await page.Keyboard.PressAsync("Alt+c");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run {first} compared with run {second}" })).ToBeVisibleAsync();
        var expected = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/runs/compare?a={first}&b={second}", ct))!;
        var accuracy = expected["metrics"]!.AsArray().Single(m => (string)m!["name"]! == "accuracy")!;
        var deltas = page.GetByRole(AriaRole.Table, new() { Name = "Metrics (B − A)" });
        var accuracyRow = deltas.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "accuracy", Exact = true }) });
        await Assertions.Expect(accuracyRow).ToContainTextAsync(Figure(accuracy["a"]!.GetValue<double>()));
        await Assertions.Expect(accuracyRow).ToContainTextAsync(Figure(accuracy["b"]!.GetValue<double>()));
        var delta = accuracy["delta"]!.GetValue<double>();
        await Assertions.Expect(accuracyRow.Locator("td").Last).ToContainTextAsync(delta > 0 ? $"+{Figure(delta)}" : delta < 0 ? $"−{Figure(-delta)}" : "0");
        var differs = expected["params"]!.AsArray().Where(p => p!["differs"]!.GetValue<bool>()).Select(p => (string)p!["name"]!).ToArray();
        Assert.Contains("word_ngrams", differs);
        var differing = page.GetByRole(AriaRole.Table, new() { Name = "Parameters that differ" });
        await Assertions.Expect(differing.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(differs);
        var bars = page.GetByRole(AriaRole.Img, new() { Name = "Metrics of both runs" });
        await Assertions.Expect(bars.Locator("rect.bar").First).ToBeVisibleAsync();

        // The searched run: its trials best first, re-sorted by a header press, and the score against each parameter.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Run {second}", Exact = true }).ClickAsync();
        var run = await RunAsync(project, second, ct);
        var trials = page.Locator("table.trial-table");
        await Assertions.Expect(trials.Locator("tbody tr")).ToHaveCountAsync(run["trials"]!.AsArray().Count);
        var scoreHeader = trials.Locator("th", new() { HasText = $"Score ({run["search"]!["metric"]})" });
        await Assertions.Expect(scoreHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await scoreHeader.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(scoreHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Trial score against l2" })).ToBeVisibleAsync();

        // Alt+B goes back to the list; in Chinese the page speaks Chinese.
        await page.Keyboard.PressAsync("Alt+b");
        await Assertions.Expect(page.GetByLabel($"Pick run {first} to compare")).ToBeVisibleAsync();
        await using var chinese = await web.OpenAsync("zh-CN");
        await chinese.Page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/training?compare={first},{second}");
        await Assertions.Expect(chinese.Page.GetByRole(AriaRole.Heading, new() { Name = $"运行 {first} 与运行 {second} 的比较" })).ToBeVisibleAsync();
        await Assertions.Expect(chinese.Page.GetByRole(AriaRole.Table, new() { Name = "指标（B − A）" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"Run (\d+) finished\.")]
    private static partial Regex RunFinished();
}
