using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Tests;
using Laoshi.Learning.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>
/// Label-error searches over HTTP on a real server: queue one on a snapshot whose labels have a few flipped, read the
/// ranked suspects, send chosen ones to the review-request list. The trainer is a tiny word-count classifier, so the
/// test is about the plumbing; the detection itself is measured by bench/label-errors.sh. SQLite and PostgreSQL.
/// </summary>
public abstract class LabelErrorsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Schema = """
        <View>
          <Text name="review" value="$review"/>
          <Choices name="sentiment" toName="review" choice="single">
            <Choice value="positive"/>
            <Choice value="negative"/>
          </Choices>
        </View>
        """;

    private static readonly string[] Good = ["great", "lovely", "superb", "wonderful", "excellent", "fine"];
    private static readonly string[] Bad = ["awful", "terrible", "poor", "horrid", "dreadful", "broken"];
    private static readonly string[] Filler = ["the", "food", "was", "service", "room", "and", "very", "staff"];

    /// <summary>60 answered reviews; the ones at <paramref name="flipped"/> carry the wrong label. Two more have no answer.</summary>
    private static string Reviews(ISet<int> flipped)
    {
        var random = new Random(5);
        var lines = new List<string>();
        for (var n = 0; n < 60; n++)
        {
            var positive = n % 2 == 0;
            var words = Enumerable.Range(0, 5).Select(_ => Filler[random.Next(Filler.Length)])
                .Concat(Enumerable.Range(0, 2).Select(_ => (positive ? Good : Bad)[random.Next(6)])).OrderBy(_ => random.Next());
            var label = positive ^ flipped.Contains(n) ? "positive" : "negative";
            lines.Add(new JsonObject
            {
                ["data"] = new JsonObject { ["review"] = string.Join(' ', words), ["n"] = n },
                ["annotations"] = new JsonArray(new JsonObject
                {
                    ["completed_by"] = "ann",
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["from_name"] = "sentiment", ["to_name"] = "review", ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
                    }),
                }),
            }.ToJsonString());
        }
        lines.Add(new JsonObject { ["data"] = new JsonObject { ["review"] = "not answered yet", ["n"] = 60 } }.ToJsonString());
        return string.Join('\n', lines);
    }

    private async Task<(string Project, Dictionary<int, long> Items)> ProjectAsync(ISet<int> flipped, string schema = Schema, string extraLines = "")
    {
        var name = $"le-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema }, Ct)).StatusCode);
        var import = await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(Reviews(flipped) + extraLines), Ct);
        Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "all" }, Ct)).StatusCode);
        var items = new Dictionary<int, long>();
        var page = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/items?limit=100", Ct))!;
        foreach (var item in page["items"]!.AsArray())
            items[item!["data"]!["n"]!.GetValue<int>()] = item["id"]!.GetValue<long>();
        return (name, items);
    }

    private async Task<JsonObject> PostAsync(string url, object body, HttpStatusCode expected)
    {
        var response = await server.Client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> FinishedSearchAsync(string project, long job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var search = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/label-errors/{job}", Ct))!.AsObject();
            var state = search["state"]!.GetValue<string>();
            if (state == "succeeded") return search;
            Assert.True(state is "queued" or "running", $"search {job} ended {state}: {search.ToJsonString()}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"search {job} did not finish in time");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task A_search_ranks_the_flipped_labels_and_sends_the_chosen_ones_to_review()
    {
        var flipped = new HashSet<int> { 4, 17, 33, 50 };
        var (project, items) = await ProjectAsync(flipped);

        var queued = await PostAsync($"/api/v1/projects/{project}/label-errors",
            new { snapshot = "all", trainer = WordCount, folds = 3, seed = 2, neighbours = 6 }, HttpStatusCode.Accepted);
        var search = await FinishedSearchAsync(project, queued["job_id"]!.GetValue<long>());
        Assert.Equal(6, search["neighbours"]!.GetValue<int>());

        var suspects = search["suspects"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var flippedIds = flipped.Select(n => items[n]).ToHashSet();
        Assert.Equal(flippedIds.Order(), suspects.Select(s => s["id"]!.GetValue<long>()).Where(flippedIds.Contains).Order());
        Assert.True(suspects.Count <= flipped.Count + 2, search.ToJsonString());
        var first = suspects[0];
        Assert.NotEqual(first["given"]!.GetValue<string>(), first["suggested"]!.GetValue<string>());
        Assert.Equal(suspects.OrderByDescending(s => s["score"]!.GetValue<double>()).Select(s => s["id"]!.GetValue<long>()),
            suspects.Select(s => s["id"]!.GetValue<long>()));
        Assert.Equal(60, search["examples"]!.GetValue<int>());
        Assert.Equal(1, search["skipped"]!.GetValue<int>());
        var listed = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/label-errors", Ct))!["searches"]!.AsArray();
        Assert.Equal(suspects.Count, Assert.Single(listed)!["suspect_count"]!.GetValue<int>());

        var job = queued["job_id"]!.GetValue<long>();
        var two = suspects.Take(2).Select(s => s["id"]!.GetValue<long>()).ToArray();
        var sent = await PostAsync($"/api/v1/projects/{project}/label-errors/{job}/send-to-review", new { items = two }, HttpStatusCode.OK);
        Assert.Equal(2, sent["sent"]!.GetValue<int>());
        var again = await PostAsync($"/api/v1/projects/{project}/label-errors/{job}/send-to-review", new { items = two }, HttpStatusCode.OK);
        Assert.Equal(0, again["sent"]!.GetValue<int>());

        var requests = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/review-requests", Ct))!["requests"]!.AsArray();
        Assert.Equal(two, requests.Select(r => r!["item"]!.GetValue<long>()));
        Assert.All(requests, r =>
        {
            Assert.Equal(job, r!["label_error_job"]!.GetValue<long>());
            Assert.Null(r["evaluation"]);
            Assert.Equal("sentiment", r["control"]!.GetValue<string>());
            Assert.Contains("the model suggests", r["note"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_nothing_is_queued()
    {
        var (project, items) = await ProjectAsync(new HashSet<int>());
        var url = $"/api/v1/projects/{project}/label-errors";

        var trainer = await PostAsync(url, new { snapshot = "all", trainer = "no-such-trainer" }, HttpStatusCode.BadRequest);
        Assert.Contains("no-such-trainer", trainer.ToJsonString());
        var folds = await PostAsync(url, new { snapshot = "all", trainer = WordCount, folds = 1 }, HttpStatusCode.BadRequest);
        Assert.Contains("folds", folds.ToJsonString());
        var parameter = await PostAsync(url, new { snapshot = "all", trainer = WordCount, @params = new { alpha = 5000 } }, HttpStatusCode.BadRequest);
        Assert.Contains("alpha", parameter.ToJsonString());
        var neighbours = await PostAsync(url, new { snapshot = "all", trainer = WordCount, neighbours = -1 }, HttpStatusCode.BadRequest);
        Assert.Contains("neighbours must be 0", neighbours.ToJsonString());
        await PostAsync(url, new { snapshot = "missing", trainer = WordCount }, HttpStatusCode.NotFound);
        var control = await PostAsync(url, new { snapshot = "all", trainer = WordCount, control = "mood" }, HttpStatusCode.BadRequest);
        Assert.Contains("no control", control.ToJsonString());
        Assert.Contains("mood", control.ToJsonString());
        Assert.Contains("\"field\":\"control\"", control.ToJsonString());
        var none = JsonNode.Parse(await server.Client.GetStringAsync(url, Ct))!["searches"]!.AsArray();
        Assert.Empty(none);

        // Only a suspect of a finished search can be sent.
        var queued = await PostAsync(url, new { snapshot = "all", trainer = WordCount, folds = 2 }, HttpStatusCode.Accepted);
        var job = queued["job_id"]!.GetValue<long>();
        var search = await FinishedSearchAsync(project, job);
        var innocent = items.Values.First(id => search["suspects"]!.AsArray().All(s => s!["id"]!.GetValue<long>() != id));
        var refused = await PostAsync($"{url}/{job}/send-to-review", new { items = new[] { innocent } }, HttpStatusCode.BadRequest);
        Assert.Contains("$.items[0]", refused.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"{url}/999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Items_answered_with_several_labels_have_no_one_label_to_check_and_are_counted_as_skipped()
    {
        var both = new JsonObject
        {
            ["data"] = new JsonObject { ["review"] = "great and awful", ["n"] = 61 },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["completed_by"] = "ann",
                ["result"] = new JsonArray(new JsonObject
                {
                    ["from_name"] = "sentiment", ["to_name"] = "review", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray("positive", "negative") },
                }),
            }),
        };
        var (project, _) = await ProjectAsync(new HashSet<int>(), Schema.Replace("choice=\"single\"", "choice=\"multiple\""), "\n" + both.ToJsonString());

        var queued = await PostAsync($"/api/v1/projects/{project}/label-errors", new { snapshot = "all", trainer = WordCount, folds = 2 }, HttpStatusCode.Accepted);
        var search = await FinishedSearchAsync(project, queued["job_id"]!.GetValue<long>());

        Assert.Equal((60, 2), (search["examples"]!.GetValue<int>(), search["skipped"]!.GetValue<int>()));
    }

    public const string WordCount = WordCountTrainer.TrainerName;
}

/// <summary>A server whose trainers are the tests' tiny word-count classifier (no model files, milliseconds to train).</summary>
public sealed class WordCountSqliteServerFixture : ServerFixture
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new TrainerCatalog([new WordCountTrainer()]));
}

/// <summary>As <see cref="WordCountSqliteServerFixture"/> on PostgreSQL.</summary>
public sealed class WordCountPostgresServerFixture : ServerFixture
{
    protected override async Task<string?> CreateDatabaseAsync() => TestPostgres.Skipped ? null : await TestPostgres.CreateDatabaseAsync();

    protected override Task DropDatabaseAsync() => Database is null ? Task.CompletedTask : TestPostgres.DropDatabaseAsync(Database);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new TrainerCatalog([new WordCountTrainer()]));
}

public sealed class SqliteLabelErrorsApiTests(WordCountSqliteServerFixture server) : LabelErrorsApiTests(server), IClassFixture<WordCountSqliteServerFixture>;

public sealed class PostgresLabelErrorsApiTests(WordCountPostgresServerFixture server) : LabelErrorsApiTests(server), IClassFixture<WordCountPostgresServerFixture>;
