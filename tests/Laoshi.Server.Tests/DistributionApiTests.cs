using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>Work distribution through the HTTP API, with several people acting through ClientAsAsync; SQLite and PostgreSQL.</summary>
public abstract class DistributionApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Name, List<long> Items)> CreateProjectAsync(int items)
    {
        var name = $"dist-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var lines = string.Join('\n', Enumerable.Range(0, items).Select(i => new JsonObject { ["text"] = $"Anna lives in Milan {i}" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        var page = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{name}/items?limit=1000", Ct));
        return (name, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList());
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static StringContent Body(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonArray Emotion(string choice) => new(new JsonObject
    {
        ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
    });

    private static JsonArray Person(int start, int end, string text) => new(new JsonObject
    {
        ["id"] = "s", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels",
        ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text, ["labels"] = new JsonArray("PER") },
    });

    private static async Task<long?> NextAsync(HttpClient client, string project)
    {
        var response = await client.PostAsync($"/api/v1/projects/{project}/next", null, Ct);
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        return (await JsonAsync(response))["id"]!.GetValue<long>();
    }

    private static async Task SubmitAsync(HttpClient client, string project, long item, JsonArray result)
    {
        var response = await client.PostAsync($"/api/v1/projects/{project}/items/{item}/annotations", Body(new JsonObject { ["result"] = result }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Managers_read_and_change_the_settings_bad_values_name_their_field_and_openapi_shows_them()
    {
        var (name, _) = await CreateProjectAsync(1);
        var manager = await server.ClientAsAsync("mia", name, "manager");
        var settings = await JsonAsync(await manager.GetAsync($"/api/v1/projects/{name}/distribution", Ct));
        Assert.Equal(1, settings["overlap"]!.GetValue<int>());
        Assert.Equal("sequential", settings["order"]!.GetValue<string>());
        Assert.Equal(30, settings["lease_minutes"]!.GetValue<double>());
        Assert.Equal(0, settings["gold_rate"]!.GetValue<double>());

        var changed = await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution",
            Body(new JsonObject { ["overlap"] = 3, ["order"] = "random", ["lease_minutes"] = 10, ["gold_rate"] = 0.1 }), Ct));
        Assert.Equal(3, changed["overlap"]!.GetValue<int>());
        Assert.Equal("random", changed["order"]!.GetValue<string>());
        Assert.Equal(10, changed["lease_minutes"]!.GetValue<double>());
        var kept = await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["overlap"] = 2 }), Ct));
        Assert.Equal("random", kept["order"]!.GetValue<string>());
        Assert.Equal(0.1, kept["gold_rate"]!.GetValue<double>());

        var bad = await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["order"] = "alphabetical" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"field\":\"order\"", await bad.Content.ReadAsStringAsync(Ct));
        var fraction = await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["overlap"] = 1.5 }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, fraction.StatusCode);

        var openApi = await server.Client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/projects/{p}/distribution", openApi);
        Assert.Contains("/skip\"", openApi);
        Assert.Contains("/api/v1/projects/{p}/gold/accuracy", openApi);
        Assert.Contains("/api/v1/projects/{p}/exam/results/{user}/reset", openApi);
        var put = JsonNode.Parse(openApi)!["paths"]!["/api/v1/projects/{p}/distribution"]!["put"]!;
        Assert.NotNull(put["requestBody"]?["content"]?["application/json"]);
    }

    [Fact]
    public async Task Parallel_people_never_hold_the_same_copy_never_get_an_item_twice_and_each_item_gets_exactly_overlap_answers()
    {
        const int overlap = 2, people = 12, itemCount = 24;
        var (name, items) = await CreateProjectAsync(itemCount);
        var manager = await server.ClientAsAsync("mia", name, "manager");
        await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["overlap"] = overlap }), Ct));

        var holding = new ConcurrentDictionary<long, int>();
        var mostAtOnce = new ConcurrentDictionary<long, int>();
        var answers = new ConcurrentBag<(string User, long Item)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = people, CancellationToken = Ct }, async (u, ct) =>
        {
            var user = $"annotator{u}@example.org";
            using var client = await server.ClientAsAsync(user, name);
            while (await NextAsync(client, name) is { } item)
            {
                var now = holding.AddOrUpdate(item, 1, (_, n) => n + 1);
                mostAtOnce.AddOrUpdate(item, now, (_, n) => Math.Max(n, now));
                // A retried /next hands back the same held copy.
                Assert.Equal(item, await NextAsync(client, name));
                holding.AddOrUpdate(item, 0, (_, n) => n - 1);
                answers.Add((user, item));
                await SubmitAsync(client, name, item, Emotion(u % 2 == 0 ? "joy" : "sadness"));
            }
        });

        Assert.Equal(answers.Count, answers.Distinct().Count());
        Assert.Equal(itemCount * overlap, answers.Count);
        Assert.All(answers.GroupBy(a => a.Item), g => Assert.Equal(overlap, g.Count()));
        Assert.All(mostAtOnce.Values, n => Assert.InRange(n, 1, overlap));
        var stats = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{name}/stats", Ct));
        Assert.Equal(itemCount, stats["annotated"]!.GetValue<long>());
        Assert.Equal(itemCount, items.Count);
    }

    [Fact]
    public async Task A_skipped_item_is_released_and_never_offered_to_that_person_again()
    {
        var (name, items) = await CreateProjectAsync(2);
        var ann = await server.ClientAsAsync("ann", name);
        var bob = await server.ClientAsAsync("bob", name);
        var first = await NextAsync(ann, name);
        Assert.Equal(items[0], first);
        Assert.Equal(items[1], await NextAsync(bob, name));
        Assert.Equal(HttpStatusCode.NoContent, (await ann.PostAsync($"/api/v1/projects/{name}/items/{first}/skip", null, Ct)).StatusCode);
        Assert.Null(await NextAsync(ann, name)); // item 0 skipped by ann, item 1 held by bob
        await bob.PostAsync($"/api/v1/projects/{name}/items/{items[1]}/skip", null, Ct);
        Assert.Equal(items[0], await NextAsync(bob, name));
        Assert.Equal(items[1], await NextAsync(ann, name));
        Assert.Equal(HttpStatusCode.NotFound, (await ann.PostAsync($"/api/v1/projects/{name}/items/999999/skip", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Gold_is_checked_like_a_submit_served_unmarked_and_scored_per_annotator_and_label()
    {
        var (name, items) = await CreateProjectAsync(34);
        var manager = await server.ClientAsAsync("mia", name, "manager");
        var refused = await manager.PostAsync($"/api/v1/projects/{name}/items/{items[0]}/gold", Body(new JsonObject { ["result"] = Emotion("rage") }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("$.result", await refused.Content.ReadAsStringAsync(Ct));

        foreach (var id in items.Take(4))
        {
            var answer = Emotion("joy");
            answer.Add(Person(0, 4, "Anna")[0]!.DeepClone());
            var marked = await JsonAsync(await manager.PostAsync($"/api/v1/projects/{name}/items/{id}/gold", Body(new JsonObject { ["result"] = answer }), Ct));
            Assert.Equal(id, marked["item_id"]!.GetValue<long>());
        }
        await JsonAsync(await manager.PutAsync($"/api/v1/projects/{name}/distribution", Body(new JsonObject { ["gold_rate"] = 0.2 }), Ct));

        var ann = await server.ClientAsAsync("ann", name);
        var servedGold = 0;
        // A gold rate of 0.2 makes exactly 4 of every 20 served items gold.
        for (var i = 0; i < 20; i++)
        {
            var response = await ann.PostAsync($"/api/v1/projects/{name}/next", null, Ct);
            var item = await JsonAsync(response);
            var id = item["id"]!.GetValue<long>();
            Assert.Equal("new", item["status"]!.GetValue<string>());
            Assert.Empty(item["annotations"]!.AsArray());
            Assert.DoesNotContain("gold", item.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            var isGold = items.Take(4).Contains(id);
            if (isGold) servedGold++;
            // ann gets the class right but the person's span one character short.
            var result = Emotion("joy");
            result.Add(Person(0, 3, "Ann")[0]!.DeepClone());
            await SubmitAsync(ann, name, id, result);
        }
        Assert.Equal(4, servedGold);

        var reviewer = await server.ClientAsAsync("rita", name, "reviewer");
        var accuracy = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/gold/accuracy", Ct));
        var row = Assert.Single(accuracy["annotators"]!.AsArray())!;
        Assert.Equal("ann", row["user"]!.GetValue<string>());
        Assert.Equal(4, row["items"]!.GetValue<int>());
        Assert.Equal(0, row["items_correct"]!.GetValue<int>());
        Assert.Equal(1.0, row["by_label"]!["joy"]!["accuracy"]!.GetValue<double>());
        Assert.Equal(0.0, row["by_label"]!["PER"]!["accuracy"]!.GetValue<double>());

        var gold = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/gold", Ct));
        Assert.Equal(4, gold["gold"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/projects/{name}/items/{items[0]}/gold", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/projects/{name}/items/{items[0]}/gold", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_failed_exam_refuses_work_with_a_problem_until_the_owner_resets_it()
    {
        var (name, items) = await CreateProjectAsync(5);
        var owner = await server.ClientAsAsync("olga", name, "owner");
        foreach (var id in items.Take(2))
            await JsonAsync(await owner.PostAsync($"/api/v1/projects/{name}/items/{id}/gold", Body(new JsonObject { ["result"] = Emotion("joy") }), Ct));
        var exam = await JsonAsync(await owner.PutAsync($"/api/v1/projects/{name}/exam",
            Body(new JsonObject { ["enabled"] = true, ["pass_score"] = 0.8, ["items"] = new JsonArray(items[0], items[1]) }), Ct));
        Assert.Equal(2, exam["items"]!.AsArray().Count);

        var bob = await server.ClientAsAsync("bob", name);
        for (var i = 0; i < 2; i++)
        {
            var id = await NextAsync(bob, name);
            Assert.Contains(id!.Value, items.Take(2));
            await SubmitAsync(bob, name, id.Value, Emotion(i == 0 ? "joy" : "sadness"));
        }
        var refused = await bob.PostAsync($"/api/v1/projects/{name}/next", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not qualified: score 0.5 < 0.8", await refused.Content.ReadAsStringAsync(Ct));

        var me = await JsonAsync(await bob.GetAsync($"/api/v1/projects/{name}/exam/me", Ct));
        Assert.False(me["qualified"]!.GetValue<bool>());
        Assert.Equal(0.5, me["result"]!["score"]!.GetValue<double>());
        var reviewer = await server.ClientAsAsync("rita", name, "reviewer");
        var results = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/exam/results", Ct));
        Assert.False(Assert.Single(results["results"]!.AsArray())!["passed"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/v1/projects/{name}/exam/results/bob/reset", null, Ct)).StatusCode);
        for (var i = 0; i < 2; i++) await SubmitAsync(bob, name, (await NextAsync(bob, name))!.Value, Emotion("joy"));
        var work = await NextAsync(bob, name);
        Assert.Contains(work!.Value, items.Skip(2));
        Assert.True((await JsonAsync(await bob.GetAsync($"/api/v1/projects/{name}/exam/me", Ct)))["qualified"]!.GetValue<bool>());
    }
}

public sealed class SqliteDistributionApiTests(SqliteServerFixture server) : DistributionApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresDistributionApiTests(PostgresServerFixture server) : DistributionApiTests(server), IClassFixture<PostgresServerFixture>;
