using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>Active-learning queue order through the HTTP API: settings, scoring the queue as a job, /next by priority. SQLite and PostgreSQL.</summary>
public abstract class QueueApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Body(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<(string Name, List<long> Items)> CreateProjectAsync(int items)
    {
        var name = $"al-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var lines = string.Join('\n', Enumerable.Range(0, items).Select(i => new JsonObject { ["text"] = $"sentence {i}" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        var page = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{name}/items?limit=1000", Ct));
        return (name, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList());
    }

    // A stored prediction that carries every class's probability, as a model scoring the item would give.
    private async Task PredictAsync(string project, long item, double joy)
    {
        var prediction = new JsonObject
        {
            ["model_version"] = "v1", ["score"] = Math.Max(joy, 1 - joy),
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "p", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject
                {
                    ["choices"] = new JsonArray(joy >= 0.5 ? "joy" : "sadness"),
                    ["scores"] = new JsonObject { ["joy"] = joy, ["sadness"] = 1 - joy },
                },
            }),
        };
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync($"/api/v1/projects/{project}/items/{item}/predictions", Body(prediction), Ct)).StatusCode);
    }

    private async Task<JsonObject> SucceededAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs/{id}", Ct))!.AsObject();
            var state = job["state"]!.GetValue<string>();
            if (state == "succeeded") return job;
            Assert.True(state is "queued" or "running", $"job {id} ended {state}: {job.ToJsonString()}");
            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not finish in time: {job.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Managers_set_an_active_learning_order_with_a_random_share_and_bad_values_name_their_field()
    {
        var (name, _) = await CreateProjectAsync(1);
        var manager = await server.ClientAsAsync("mia", name, "manager");
        var settings = await JsonAsync(await manager.GetAsync($"/api/v1/projects/{name}/distribution", Ct));
        Assert.Equal(0, settings["random_share"]!.GetValue<double>());
        Assert.Null(settings["scoring"]);
        Assert.Equal(["least-confidence", "margin", "entropy", "diversity"], settings["by_priority"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Contains("margin", settings["orders"]!.AsArray().Select(o => o!.GetValue<string>()));

        var changed = await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution",
            Body(new JsonObject { ["order"] = "margin", ["random_share"] = 0.2 }), Ct));
        Assert.Equal(("margin", 0.2), (changed["order"]!.GetValue<string>(), changed["random_share"]!.GetValue<double>()));

        var share = await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["random_share"] = 2 }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, share.StatusCode);
        Assert.Contains("\"field\":\"random_share\"", await share.Content.ReadAsStringAsync(Ct));
        var noModel = await manager.PostAsync($"/api/v1/projects/{name}/queue/prioritize", Body(new JsonObject()), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noModel.StatusCode);
        Assert.Contains("no model in production", await noModel.Content.ReadAsStringAsync(Ct));
        var strategy = await manager.PostAsync($"/api/v1/projects/{name}/queue/prioritize", Body(new JsonObject { ["model"] = "predictions:v1", ["strategy"] = "luck" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, strategy.StatusCode);
        Assert.Contains("\"field\":\"strategy\"", await strategy.Content.ReadAsStringAsync(Ct));
        var annotator = await server.ClientAsAsync("ann", name, "annotator");
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.PostAsync($"/api/v1/projects/{name}/queue/prioritize", Body(new JsonObject()), Ct)).StatusCode);
    }

    [Fact]
    public async Task Scoring_the_queue_with_a_model_makes_next_serve_the_least_sure_items_first()
    {
        var (name, items) = await CreateProjectAsync(5);
        double[] joy = [0.95, 0.55, 0.80, 0.50, 0.10];
        for (var i = 0; i < items.Count; i++) await PredictAsync(name, items[i], joy[i]);
        var manager = await server.ClientAsAsync("mia", name, "manager");
        await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["order"] = "margin" }), Ct));

        var queued = await manager.PostAsync($"/api/v1/projects/{name}/queue/prioritize", Body(new JsonObject { ["model"] = "predictions:v1" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var accepted = await JsonAsync(queued);
        Assert.Equal("margin", accepted["strategy"]!.GetValue<string>());
        var job = await SucceededAsync(accepted["job_id"]!.GetValue<long>());
        Assert.Equal(("prioritize", 5L), (job["kind"]!.GetValue<string>(), job["result"]!["items"]!.GetValue<long>()));

        var scoring = (await JsonAsync(await manager.GetAsync($"/api/v1/projects/{name}/distribution", Ct)))["scoring"]!;
        Assert.Equal(("margin", "v1", 5L, "mia"),
            (scoring["strategy"]!.GetValue<string>(), scoring["model"]!.GetValue<string>(), scoring["items"]!.GetValue<long>(), scoring["scored_by"]!.GetValue<string>()));

        var annotator = await server.ClientAsAsync("ann", name, "annotator");
        var served = new List<long>();
        for (var n = 0; n < 3; n++)
        {
            var next = (await JsonAsync(await annotator.PostAsync($"/api/v1/projects/{name}/next", null, Ct)))["id"]!.GetValue<long>();
            served.Add(next);
            var result = new JsonArray(new JsonObject
            {
                ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") },
            });
            Assert.Equal(HttpStatusCode.Created, (await annotator.PostAsync($"/api/v1/projects/{name}/items/{next}/annotations", Body(new JsonObject { ["result"] = result }), Ct)).StatusCode);
        }
        Assert.Equal([items[3], items[1], items[2]], served);
    }
}

public sealed class SqliteQueueApiTests(SqliteServerFixture server) : QueueApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresQueueApiTests(PostgresServerFixture server) : QueueApiTests(server), IClassFixture<PostgresServerFixture>;
