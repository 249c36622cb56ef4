using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>The project agreement and quality endpoints, after two people answered, on SQLite and on PostgreSQL.</summary>
public abstract class QualityApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A text project with 4 items: alice and bob agree on 3 ("joy", "joy", "sadness") and disagree on one.</summary>
    private async Task<string> AnsweredProjectAsync()
    {
        var name = $"quality-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var lines = string.Join('\n', Enumerable.Range(0, 4).Select(i => new JsonObject { ["text"] = $"sentence {i}" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        var items = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/items?limit=10", Ct))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).Order().ToList();

        string[] alice = ["joy", "joy", "sadness", "joy"];
        string[] bob = ["joy", "joy", "sadness", "sadness"];
        foreach (var (user, choices, seconds) in new[] { ("alice", alice, 10.0), ("bob", bob, 30.0) })
        {
            var client = await server.ClientAsAsync(user, name);
            for (var i = 0; i < items.Count; i++)
            {
                var body = new JsonObject
                {
                    ["lead_time"] = seconds * (i + 1),
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray(choices[i]) },
                    }),
                };
                var submitted = await client.PostAsJsonAsync($"/api/v1/projects/{name}/items/{items[i]}/annotations", body, Ct);
                Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            }
        }
        return name;
    }

    [Fact]
    public async Task Agreement_gives_project_label_and_pair_figures()
    {
        var name = await AnsweredProjectAsync();
        var reviewer = await server.ClientAsAsync("rita", name, "reviewer");
        var cohen = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/agreement?metric=cohen", Ct))!;
        // Table [[2, 1], [0, 1]] of 4: observed 3/4, expected (3/4·2/4 + 1/4·2/4) = 1/2, kappa = 0.5.
        Assert.Equal(0.5, cohen["value"]!.GetValue<double>(), 1e-12);
        Assert.Equal("emotion", cohen["control"]!.GetValue<string>());
        Assert.Equal(4, cohen["items"]!.GetValue<int>());
        Assert.Equal(2, cohen["annotators"]!.GetValue<int>());
        Assert.Equal(["joy", "sadness"], cohen["per_label"]!.AsArray().Select(l => l!["label"]!.GetValue<string>()));
        var pair = Assert.Single(cohen["pairs"]!.AsArray())!;
        Assert.Equal(("alice", "bob", 4), (pair["first"]!.GetValue<string>(), pair["second"]!.GetValue<string>(), pair["items"]!.GetValue<int>()));

        var percent = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/agreement?metric=percent", Ct))!;
        Assert.Equal(0.75, percent["value"]!.GetValue<double>(), 1e-12);
        var alpha = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/agreement", Ct))!;
        Assert.Equal("krippendorff", alpha["metric"]!.GetValue<string>());
        Assert.Equal("nominal", alpha["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_metric_or_control_is_a_400_that_says_which()
    {
        var name = await AnsweredProjectAsync();
        var metric = await server.Client.GetAsync($"/api/v1/projects/{name}/agreement?metric=kappa", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, metric.StatusCode);
        Assert.Contains("unknown metric 'kappa'", await metric.Content.ReadAsStringAsync(Ct));
        var control = await server.Client.GetAsync($"/api/v1/projects/{name}/agreement?control=entities", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Contains("'entities' is not a choices or rating control", await control.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/projects/no-such-project/quality", Ct)).StatusCode);
    }

    [Fact]
    public async Task Quality_gives_agreement_per_day_and_each_annotators_speed()
    {
        var name = await AnsweredProjectAsync();
        var reviewer = await server.ClientAsAsync("rita", name, "reviewer");
        var quality = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/quality", Ct))!;
        var day = Assert.Single(quality["by_day"]!.AsArray())!;
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), day["day"]!.GetValue<string>());
        Assert.Equal(4, day["items"]!.GetValue<int>());
        Assert.Equal(0.75, day["percent"]!.GetValue<double>(), 1e-12);

        var people = quality["annotators"]!.AsArray().ToDictionary(a => a!["user"]!.GetValue<string>());
        Assert.Equal(["alice", "bob"], people.Keys.Order());
        // alice took 10, 20, 30, 40 s: mean 25 → 144 items an hour; median 25 s. bob took three times as long.
        Assert.Equal(144, people["alice"]!["items_per_hour"]!.GetValue<double>(), 1e-9);
        Assert.Equal(25, people["alice"]!["median_seconds"]!.GetValue<double>(), 1e-9);
        Assert.Equal(48, people["bob"]!["items_per_hour"]!.GetValue<double>(), 1e-9);
        Assert.Equal(4, people["bob"]!["annotations"]!.GetValue<int>());
        Assert.Equal(0.75, people["alice"]!["agreement_with_others"]!.GetValue<double>(), 1e-12);
    }

    [Fact]
    public async Task Span_agreement_gives_exact_and_overlap_f1_per_pair()
    {
        var name = await AnsweredProjectAsync();
        var item = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/items?limit=1", Ct))!["items"]![0]!["id"]!.GetValue<long>();
        JsonObject Span(string label, int start, int end) => new()
        {
            ["id"] = $"{label}{start}", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels",
            ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = "sentence 0"[start..end], ["labels"] = new JsonArray(label) },
        };
        foreach (var (user, spans) in new[] { ("alice", new[] { Span("PER", 0, 5), Span("LOC", 6, 10) }), ("bob", new[] { Span("PER", 0, 5), Span("LOC", 7, 10) }) })
        {
            var client = await server.ClientAsAsync(user, name);
            var body = new JsonObject { ["result"] = new JsonArray(spans.Cast<JsonNode>().ToArray()) };
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/projects/{name}/items/{item}/annotations", body, Ct)).StatusCode);
        }
        var reviewer = await server.ClientAsAsync("rita", name, "reviewer");
        var regions = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{name}/agreement/regions?control=entities", Ct))!;
        Assert.Equal("labels", regions["type"]!.GetValue<string>());
        var pair = Assert.Single(regions["spans"]!.AsArray())!;
        Assert.Equal(0.5, pair["exact_f1"]!.GetValue<double>(), 1e-12);   // PER matches exactly, LOC does not
        Assert.Equal(1.0, pair["overlap_f1"]!.GetValue<double>(), 1e-12);  // but the LOC spans overlap
        var wrong = await reviewer.GetAsync($"/api/v1/projects/{name}/agreement/regions?control=emotion", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }
}

public sealed class SqliteQualityApiTests(SqliteServerFixture server) : QualityApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresQualityApiTests(PostgresServerFixture server) : QualityApiTests(server), IClassFixture<PostgresServerFixture>;
