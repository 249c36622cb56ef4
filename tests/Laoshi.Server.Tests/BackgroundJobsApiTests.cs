using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Tests.Onnx;

namespace Laoshi.Server.Tests;

/// <summary>
/// Evaluations, cleaning passes and pre-labelling queued through the HTTP API run on the job engine end to end: the
/// request answers 202 at once, the job succeeds, and what it produced is stored and readable. SQLite and PostgreSQL.
/// </summary>
public abstract class BackgroundJobsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> PostAsync(string url, object body, HttpStatusCode expected)
    {
        var response = await server.Client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> SucceededAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var job = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs/{id}", Ct))!.AsObject();
            var state = job["state"]!.GetValue<string>();
            if (state == "succeeded") return job;
            Assert.True(state is "queued" or "running", $"job {id} ended {state}: {job.ToJsonString()}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} did not finish in time: {job.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<string> ProjectAsync(string prefix, string schema, string jsonl)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(jsonl), Ct)).StatusCode);
        return name;
    }

    [Fact]
    public async Task A_background_evaluation_runs_as_a_job_and_stores_the_evaluation_it_reports()
    {
        var project = await ProjectAsync("bg-eval", TestSchemas.TextConfig, EvaluationData.Jsonl());
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "test" }, Ct)).StatusCode);

        var queued = await PostAsync($"/api/v1/projects/{project}/evaluations", new { model = "predictions:v2", snapshot = "test", background = true }, HttpStatusCode.Accepted);
        var job = await SucceededAsync(queued["job"]!.GetValue<long>());

        Assert.Equal(("evaluation", project, 1.0), (job["kind"]!.GetValue<string>(), job["project"]!.GetValue<string>(), job["progress"]!.GetValue<double>()));
        var id = job["result"]!["evaluation"]!.GetValue<long>();
        Assert.Equal("f1_macro", job["result"]!["summary"]!["emotion"]!["headline"]!.GetValue<string>());
        var stored = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations/{id}", Ct))!;
        Assert.Equal(0.875, stored["report"]!["controls"]!["emotion"]!["metrics"]!["accuracy"]!.GetValue<double>(), 1e-12);
        Assert.Equal("predictions:v2", stored["model"]!.GetValue<string>());
        Assert.Equal(job["created_by"]!.GetValue<string>(), stored["created_by"]!.GetValue<string>());
        var list = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations", Ct))!["evaluations"]!.AsArray();
        Assert.Equal(id, Assert.Single(list)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_background_cleaning_pass_runs_as_a_job_and_stores_the_run_it_reports()
    {
        const string Text = "The quick brown fox jumps over the lazy dog near the river bank this morning";
        var lines = string.Join('\n', new[] { Text, Text, "Something else entirely, about annotation tools." }.Select(t => new JsonObject { ["text"] = t }.ToJsonString()));
        var project = await ProjectAsync("bg-clean", TestSchemas.TextConfig, lines);

        var queued = await PostAsync($"/api/v1/projects/{project}/cleaning/runs", new { dedupe = true, background = true }, HttpStatusCode.Accepted);
        var job = await SucceededAsync(queued["job_id"]!.GetValue<long>());

        Assert.Equal(("clean", project), (job["kind"]!.GetValue<string>(), job["project"]!.GetValue<string>()));
        var result = job["result"]!;
        Assert.Equal((3, 1), (result["items"]!.GetValue<int>(), result["exact_duplicates"]!.GetValue<int>()));
        var runId = result["run_id"]!.GetValue<long>();
        var run = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/cleaning/runs/{runId}", Ct))!;
        Assert.Equal(1, run["report"]!["exact_duplicates"]!.GetValue<int>());
        Assert.Equal(job["created_by"]!.GetValue<string>(), run["created_by"]!.GetValue<string>());
        // The duplicate left the project's live items: one of the two copies is dropped.
        var items = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/items?limit=10", Ct))!["items"]!.AsArray();
        Assert.Single(items, i => (string)i!["status"]! == "dropped");
    }

    private const string SentimentConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/><Choice value="neutral"/></Choices>
        </View>
        """;

    [Fact]
    public async Task Prelabelling_is_queued_over_http_and_its_answers_become_predictions()
    {
        string[] lines =
        [
            """{"text": "a good day", "features": [5, 0, 0, 0]}""",
            """{"text": "bad service", "features": [0, 5, 0, 0]}""",
            """{"text": "it was fine", "features": [0, 1.5, 2, 0]}""",
        ];
        var project = await ProjectAsync("bg-pre", SentimentConfig, string.Join('\n', lines));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestModels.FeatureClassifier());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "model.onnx");
        form.Add(new StringContent("sentiment"), "name");
        form.Add(new StringContent("classifier"), "kind");
        form.Add(new StringContent("""{"input": "tensor", "input_field": "features"}"""), "settings");
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync($"/api/v1/projects/{project}/models", form, Ct)).StatusCode);

        // A model or filter that does not exist is refused before anything is queued.
        var unknown = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "nobody@3" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nobody", await unknown.Content.ReadAsStringAsync(Ct));
        var badFilter = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "sentiment", filter = "label=(" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("filter", await badFilter.Content.ReadAsStringAsync(Ct));

        var queued = await PostAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "sentiment", filter = "unannotated" }, HttpStatusCode.Accepted);
        Assert.Equal("prelabel", queued["kind"]!.GetValue<string>());
        var job = await SucceededAsync(queued["id"]!.GetValue<long>());
        Assert.Equal(("sentiment@1", 3, 3), (job["result"]!["model"]!.GetValue<string>(), job["result"]!["items"]!.GetValue<int>(), job["result"]!["regions"]!.GetValue<int>()));

        var items = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/items?limit=10", Ct))!["items"]!.AsArray();
        var first = items.OrderBy(i => i!["id"]!.GetValue<long>()).First()!["id"]!.GetValue<long>();
        var item = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/items/{first}", Ct))!;
        var prediction = Assert.Single(item["predictions"]!.AsArray())!;
        Assert.Equal("sentiment@1", prediction["model_version"]!.GetValue<string>());
        Assert.Equal("positive", prediction["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());

        // Annotators cannot queue it.
        var annotator = await server.ClientAsAsync("ann@laoshi.test", project);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "sentiment" }, Ct)).StatusCode);
    }
}

public sealed class SqliteBackgroundJobsApiTests(SqliteServerFixture server) : BackgroundJobsApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresBackgroundJobsApiTests(PostgresServerFixture server) : BackgroundJobsApiTests(server), IClassFixture<PostgresServerFixture>;
