using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>
/// Training through the HTTP API as the Training page uses it: trainers with their parameters, a run queued as a job,
/// the run listed with its metrics, its model registered and usable by evaluation and pre-labelling, a searched run
/// compared with the first, and bad requests answered 400 naming the parameter. SQLite and PostgreSQL.
/// </summary>
public abstract class RunsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> SendAsync(HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await server.Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{url}: {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private Task<JsonObject> GetAsync(string url) => SendAsync(HttpMethod.Get, url, null, HttpStatusCode.OK);

    private async Task<JsonObject> SucceededAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await GetAsync($"/api/v1/jobs/{id}");
            var state = job["state"]!.GetValue<string>();
            if (state == "succeeded") return job;
            Assert.True(state is "queued" or "running", $"job {id} ended {state}: {job.ToJsonString()}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} did not finish in time: {job.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<string> ProjectAsync()
    {
        var name = $"train-{Guid.NewGuid():N}"[..20];
        await SendAsync(HttpMethod.Post, "/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(TrainingData.Jsonl()), Ct)).StatusCode);
        await SendAsync(HttpMethod.Post, $"/api/v1/projects/{name}/snapshots", new { name = "train" }, HttpStatusCode.Created);
        return name;
    }

    [Fact]
    public async Task A_run_trains_a_registered_model_that_evaluation_and_prelabelling_use_and_a_searched_run_compares_with_it()
    {
        var project = await ProjectAsync();

        var trainers = (await GetAsync("/api/v1/trainers"))["trainers"]!.AsArray();
        var ngram = trainers.Single(t => t!["name"]!.GetValue<string>() == "text-ngram")!;
        Assert.Equal("text-classification", ngram["task"]!.GetValue<string>());
        var l2 = ngram["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "l2")!;
        Assert.Equal(("float", true), (l2["type"]!.GetValue<string>(), l2["log_scale"]!.GetValue<bool>()));
        Assert.NotNull(l2["default"]);
        Assert.NotNull(l2["min"]);

        var queued = await SendAsync(HttpMethod.Post, $"/api/v1/projects/{project}/runs",
            new { trainer = "text-ngram", snapshot = "train", seed = 1, test_share = 0.25, @params = new { iterations = 30 } }, HttpStatusCode.Accepted);
        var job = await SucceededAsync(queued["job_id"]!.GetValue<long>());
        var runId = job["result"]!["run_id"]!.GetValue<long>();

        var list = await GetAsync($"/api/v1/projects/{project}/runs");
        var run = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal((runId, "succeeded", "text-ngram", "train", 1), (run["id"]!.GetValue<long>(), run["status"]!.GetValue<string>(),
            run["trainer"]!.GetValue<string>(), run["snapshot"]!["name"]!.GetValue<string>(), run["snapshot"]!["version"]!.GetValue<int>()));
        Assert.InRange(run["metrics"]!["accuracy"]!.GetValue<double>(), 0.8, 1.0);
        Assert.NotNull(run["metrics"]!["f1_macro"]);
        Assert.Equal(30, run["params"]!["iterations"]!.GetValue<int>());
        Assert.Equal(("text-ngram", 1), (run["model"]!["name"]!.GetValue<string>(), run["model"]!["version"]!.GetValue<int>()));
        Assert.Null(run["compared_with"]);
        Assert.Null(run["search"]);
        Assert.Null(list["next_cursor"]);

        // The registered model is a candidate with its lineage, and the evaluation and pre-label paths open it unchanged.
        var model = (await GetAsync($"/api/v1/projects/{project}/models"))["models"]!.AsArray().Single()!;
        Assert.Equal(("trained", "candidate", runId, "train"), (model["kind"]!.GetValue<string>(), model["stage"]!.GetValue<string>(),
            model["run_id"]!.GetValue<long>(), model["snapshot"]!.GetValue<string>()));
        var evaluation = await SendAsync(HttpMethod.Post, $"/api/v1/projects/{project}/evaluations", new { model = "text-ngram@1", snapshot = "train" }, HttpStatusCode.Created);
        Assert.InRange(evaluation["report"]!["controls"]!["emotion"]!["metrics"]!["accuracy"]!.GetValue<double>(), 0.8, 1.0);
        var prelabel = await SendAsync(HttpMethod.Post, $"/api/v1/projects/{project}/models/prelabel", new { model = "text-ngram" }, HttpStatusCode.Accepted);
        var prelabelled = await SucceededAsync(prelabel["id"]!.GetValue<long>());
        Assert.Equal(("text-ngram@1", 3), (prelabelled["result"]!["model"]!.GetValue<string>(), prelabelled["result"]!["items"]!.GetValue<int>()));

        // A second run searches and registers under another name; it is compared with the first on the same snapshot.
        var searched = await SendAsync(HttpMethod.Post, $"/api/v1/projects/{project}/runs", new
        {
            trainer = "text-ngram", snapshot = "train", seed = 2, register_as = "mood", curve = true,
            @params = new { iterations = 30 }, search = new { method = "random", trials = 2, folds = 2, budget_seconds = 120 },
        }, HttpStatusCode.Accepted);
        var secondId = (await SucceededAsync(searched["job_id"]!.GetValue<long>()))["result"]!["run_id"]!.GetValue<long>();
        var second = await GetAsync($"/api/v1/projects/{project}/runs/{secondId}");
        Assert.Equal((runId, "mood", 1), (second["compared_with"]!.GetValue<long>(), second["model"]!["name"]!.GetValue<string>(), second["model"]!["version"]!.GetValue<int>()));
        Assert.Equal(("random", 2, 2), (second["search"]!["method"]!.GetValue<string>(), second["search"]!["folds"]!.GetValue<int>(), second["search"]!["trial_count"]!.GetValue<int>()));
        var trials = second["trials"]!.AsArray();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Equal(2, t!["scores"]!.AsArray().Count));
        Assert.All(trials, t => Assert.Equal(30, t!["params"]!["iterations"]!.GetValue<int>()));
        Assert.Equal(3, second["curve"]!.AsArray().Count);
        Assert.NotNull(second["curve"]![0]!["accuracy"]);

        var compared = await GetAsync($"/api/v1/projects/{project}/runs/compare?a={runId}&b={secondId}");
        var accuracy = compared["metrics"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "accuracy")!;
        Assert.Equal(accuracy["b"]!.GetValue<double>() - accuracy["a"]!.GetValue<double>(), accuracy["delta"]!.GetValue<double>(), 9);
        Assert.Equal(runId, compared["a"]!["id"]!.GetValue<long>());
        Assert.Contains(compared["params"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "iterations" && !p["differs"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_run_requests_are_refused_before_queuing_with_problem_details_naming_the_parameter()
    {
        var project = await ProjectAsync();
        async Task<JsonObject> BadAsync(object body, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            await SendAsync(HttpMethod.Post, $"/api/v1/projects/{project}/runs", body, status);

        var outOfRange = await BadAsync(new { trainer = "text-ngram", snapshot = "train", @params = new { l2 = -1 } });
        Assert.Equal(("l2", "$.params.l2"), (outOfRange["errors"]![0]!["field"]!.GetValue<string>(), outOfRange["errors"]![0]!["path"]!.GetValue<string>()));
        var unknown = await BadAsync(new { trainer = "text-ngram", snapshot = "train", @params = new { depth = 3 } });
        Assert.Equal("depth", unknown["errors"]![0]!["field"]!.GetValue<string>());
        var trainer = await BadAsync(new { trainer = "gpt", snapshot = "train" });
        Assert.Contains("text-ngram", trainer["detail"]!.GetValue<string>());
        var search = await BadAsync(new { trainer = "text-ngram", snapshot = "train", search = new { method = "grid" } });
        Assert.Equal("$.search.method", search["errors"]![0]!["path"]!.GetValue<string>());
        var share = await BadAsync(new { trainer = "text-ngram", snapshot = "train", test_share = 1.5 });
        Assert.Equal("test_share", share["errors"]![0]!["field"]!.GetValue<string>());
        await BadAsync(new { trainer = "text-ngram", snapshot = "nope" }, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Get, $"/api/v1/projects/{project}/runs/999999", null, HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync($"/api/v1/projects/{project}/runs"))["items"]!.AsArray());

        // Annotators cannot start training.
        var annotator = await server.ClientAsAsync("ann@laoshi.test", project);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { trainer = "text-ngram", snapshot = "train" }, Ct)).StatusCode);
    }
}

public sealed class SqliteRunsApiTests(SqliteServerFixture server) : RunsApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresRunsApiTests(PostgresServerFixture server) : RunsApiTests(server), IClassFixture<PostgresServerFixture>;
