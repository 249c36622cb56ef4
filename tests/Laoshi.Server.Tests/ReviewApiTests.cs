using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>Review, adjudication and the agreed answer through the HTTP API, each person on their own client; SQLite and PostgreSQL.</summary>
public abstract class ReviewApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Name, long[] Items)> CreateProjectAsync(int items)
    {
        var name = $"review-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var lines = string.Join('\n', Enumerable.Range(0, items).Select(i => new JsonObject { ["text"] = $"李明在北京 {i}" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        var page = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        return (name, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToArray());
    }

    private static JsonArray Emotion(string label) => new(new JsonObject
    {
        ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
    });

    private static StringContent Body(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    private static async Task<long> SubmitAsync(HttpClient client, string project, long item, string label)
    {
        var response = await client.PostAsync($"/api/v1/projects/{project}/items/{item}/annotations", Body(new JsonObject { ["result"] = Emotion(label) }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response))["id"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, string project, long annotation, JsonObject body) =>
        client.PostAsync($"/api/v1/projects/{project}/annotations/{annotation}/review", Body(body), Ct);

    [Fact]
    public async Task A_rejection_comment_reaches_the_annotator_and_their_next_answer_returns_to_the_queue()
    {
        var (name, items) = await CreateProjectAsync(3);
        using var ann = await server.ClientAsAsync("ann@example.org", name, "annotator");
        using var reviewer = await server.ClientAsAsync("rev@example.org", name, "reviewer");
        var first = await SubmitAsync(ann, name, items[0], "joy");
        var second = await SubmitAsync(ann, name, items[1], "joy");
        var third = await SubmitAsync(ann, name, items[2], "joy");

        var queue = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/queue?limit=2", Ct));
        Assert.Equal([first, second], queue["annotations"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()));
        Assert.Equal("ann@example.org", queue["annotations"]![0]!["completed_by"]!.GetValue<string>());
        var rest = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/queue?limit=2&cursor={Uri.EscapeDataString(queue["next"]!.GetValue<string>())}", Ct));
        Assert.Equal([third], rest["annotations"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()));
        Assert.Empty((await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/queue?annotator=nobody", Ct)))["annotations"]!.AsArray());

        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(reviewer, name, first, new JsonObject { ["action"] = "accept" })).StatusCode);
        var rejected = await ReviewAsync(reviewer, name, second, new JsonObject { ["action"] = "reject", ["comment"] = "这是悲伤，不是喜悦。" });
        Assert.Equal(HttpStatusCode.Created, rejected.StatusCode);
        var corrected = await JsonAsync(await ReviewAsync(reviewer, name, third, new JsonObject { ["action"] = "correct", ["result"] = Emotion("sadness") }));
        Assert.Equal("correct", corrected["action"]!.GetValue<string>());

        var mine = await JsonAsync(await ann.GetAsync($"/api/v1/projects/{name}/my/reviews", Ct));
        var reviews = mine["reviews"]!.AsArray();
        Assert.Equal(["correct", "reject"], reviews.Select(r => r!["action"]!.GetValue<string>()));
        Assert.Equal("这是悲伤，不是喜悦。", reviews[1]!["comment"]!.GetValue<string>());
        Assert.Equal("rev@example.org", reviews[1]!["reviewer"]!.GetValue<string>());
        Assert.Equal(items[1], reviews[1]!["item_id"]!.GetValue<long>());
        Assert.False(reviews[1]!["answered"]!.GetValue<bool>());

        // The correction is the annotator's next version; the original stays in the history.
        var history = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/items/{items[2]}/annotations", Ct));
        Assert.Equal(["joy", "sadness"], history.AsArray().Select(h => h!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));
        Assert.Equal(corrected["correction_id"]!.GetValue<long>(), history[1]!["id"]!.GetValue<long>());

        Assert.Empty((await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/queue", Ct)))["annotations"]!.AsArray());
        var again = await SubmitAsync(ann, name, items[1], "sadness");
        var back = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/queue", Ct));
        Assert.Equal([again], back["annotations"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()));
        Assert.True((await JsonAsync(await ann.GetAsync($"/api/v1/projects/{name}/my/reviews", Ct)))["reviews"]![1]!["answered"]!.GetValue<bool>());

        var stats = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/review/stats", Ct));
        var person = stats["annotators"]!.AsArray().Single()!;
        Assert.Equal(("ann@example.org", 3, 1, 1, 1), (person["annotator"]!.GetValue<string>(), person["reviewed"]!.GetValue<int>(),
            person["accepted"]!.GetValue<int>(), person["rejected"]!.GetValue<int>(), person["corrected"]!.GetValue<int>()));
        Assert.Equal(1.0 / 3, person["rejection_rate"]!.GetValue<double>(), 9);
        Assert.Equal(3, stats["days"]![0]!["reviewed"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", stats["days"]![0]!["day"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_verdicts_are_refused_with_the_field_and_unknown_targets_are_404()
    {
        var (name, items) = await CreateProjectAsync(1);
        using var ann = await server.ClientAsAsync("ann2@example.org", name, "annotator");
        using var reviewer = await server.ClientAsAsync("rev2@example.org", name, "reviewer");
        var id = await SubmitAsync(ann, name, items[0], "joy");

        var badLabel = await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "correct", ["result"] = Emotion("rage") });
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        var error = (await JsonAsync(badLabel))["errors"]![0]!;
        Assert.Equal("emotion", error["field"]!.GetValue<string>());
        Assert.Equal("$.result[0].value.choices[0]", error["path"]!.GetValue<string>());

        var noComment = await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "reject" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Equal("comment", (await JsonAsync(noComment))["errors"]![0]!["field"]!.GetValue<string>());
        var badAction = await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "approve" });
        Assert.Equal("action", (await JsonAsync(badAction))["errors"]![0]!["field"]!.GetValue<string>());
        var noResult = await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "correct" });
        Assert.Equal(HttpStatusCode.BadRequest, noResult.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await ReviewAsync(reviewer, name, 99999999, new JsonObject { ["action"] = "accept" })).StatusCode);
        // Someone outside a project is refused whether or not it exists, so project names do not leak.
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(reviewer, "no-such-project", id, new JsonObject { ["action"] = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/v1/projects/{name}/items/99999999/agreed", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsync($"/api/v1/projects/{name}/items/99999999/agreed",
            Body(new JsonObject { ["annotation_id"] = id }), Ct)).StatusCode);

        // An annotator may not review at all; made a reviewer, they still may not review their own work; a version is reviewed once.
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(ann, name, id, new JsonObject { ["action"] = "accept" })).StatusCode);
        using (var annAsReviewer = await server.ClientAsAsync("ann2@example.org", name, "reviewer"))
            Assert.Equal(HttpStatusCode.Conflict, (await ReviewAsync(annAsReviewer, name, id, new JsonObject { ["action"] = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ReviewAsync(reviewer, name, id, new JsonObject { ["action"] = "reject", ["comment"] = "x" })).StatusCode);

        using var manager = await server.ClientAsAsync("boss@example.org", name, "manager");
        var badThreshold = await manager.PutAsync($"/api/v1/projects/{name}/review/settings", Body(new JsonObject { ["agreement_threshold"] = 2 }), Ct);
        Assert.Equal("agreement_threshold", (await JsonAsync(badThreshold))["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disagreements_are_adjudicated_and_the_agreed_answer_is_what_snapshots_and_exports_take()
    {
        var (name, items) = await CreateProjectAsync(3);
        using var a = await server.ClientAsAsync("a@example.org", name, "annotator");
        using var b = await server.ClientAsAsync("b@example.org", name, "annotator");
        using var c = await server.ClientAsAsync("c@example.org", name, "annotator");
        using var reviewer = await server.ClientAsAsync("judge@example.org", name, "reviewer");
        using var manager = await server.ClientAsAsync("boss@example.org", name, "manager");
        // item 0: a, b agree; item 1: 1 of 3 pairs agree (1/3); item 2: a and b disagree (0).
        await SubmitAsync(a, name, items[0], "joy");
        await SubmitAsync(b, name, items[0], "joy");
        await SubmitAsync(a, name, items[1], "joy");
        await SubmitAsync(b, name, items[1], "joy");
        var cAnswer = await SubmitAsync(c, name, items[1], "sadness");
        await SubmitAsync(a, name, items[2], "joy");
        await SubmitAsync(b, name, items[2], "sadness");

        var settings = await manager.PutAsync($"/api/v1/projects/{name}/review/settings", Body(new JsonObject { ["agreement_threshold"] = 0.6 }), Ct);
        Assert.Equal(0.6, (await JsonAsync(settings))["agreement_threshold"]!.GetValue<double>());
        var queue = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/adjudication", Ct));
        Assert.Equal([items[2], items[1]], queue["items"]!.AsArray().Select(i => i!["item_id"]!.GetValue<long>()));
        Assert.Equal(1.0 / 3, queue["items"]![1]!["agreement"]!.GetValue<double>(), 9);
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], queue["items"]![1]!["annotators"]!.AsArray().Select(n => n!.GetValue<string>()));

        await manager.PutAsync($"/api/v1/projects/{name}/review/settings", Body(new JsonObject { ["agreement_threshold"] = 0.2 }), Ct);
        queue = await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/adjudication", Ct));
        Assert.Equal([items[2]], queue["items"]!.AsArray().Select(i => i!["item_id"]!.GetValue<long>()));

        var unknown = await reviewer.PostAsync($"/api/v1/projects/{name}/items/{items[2]}/agreed", Body(new JsonObject { ["result"] = Emotion("rage") }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("emotion", (await JsonAsync(unknown))["errors"]![0]!["field"]!.GetValue<string>());
        var written = await JsonAsync(await reviewer.PostAsync($"/api/v1/projects/{name}/items/{items[2]}/agreed", Body(new JsonObject { ["result"] = Emotion("sadness") }), Ct));
        Assert.Equal("judge@example.org", written["set_by"]!.GetValue<string>());
        var adopted = await JsonAsync(await reviewer.PostAsync($"/api/v1/projects/{name}/items/{items[1]}/agreed", Body(new JsonObject { ["annotation_id"] = cAnswer }), Ct));
        Assert.Equal(("c@example.org", cAnswer), (adopted["completed_by"]!.GetValue<string>(), adopted["annotation_id"]!.GetValue<long>()));
        Assert.Empty((await JsonAsync(await reviewer.GetAsync($"/api/v1/projects/{name}/adjudication", Ct)))["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "agreed" }, Ct)).StatusCode);
        // Changing an agreed answer later leaves the snapshot as it was.
        await reviewer.PostAsync($"/api/v1/projects/{name}/items/{items[1]}/agreed", Body(new JsonObject { ["result"] = Emotion("joy") }), Ct);

        static List<List<string>> Labels(IEnumerable<JsonNode?> tasks) => tasks.Select(t => t!["annotations"]!.AsArray()
            .Select(x => x!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()).ToList()).ToList();
        var frozen = (await server.Client.GetStringAsync($"/api/v1/projects/{name}/export?format=jsonl&snapshot=agreed", Ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l));
        Assert.Equal([["joy", "joy"], ["sadness"], ["sadness"]], Labels(frozen));
        var live = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/export?format=labelstudio", Ct))!.AsArray();
        Assert.Equal([["joy", "joy"], ["joy"], ["sadness"]], Labels(live));
        Assert.Equal("judge@example.org", live[2]!["annotations"]![0]!["completed_by"]!.GetValue<string>());
    }
}

public sealed class SqliteReviewApiTests(SqliteServerFixture server) : ReviewApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresReviewApiTests(PostgresServerFixture server) : ReviewApiTests(server), IClassFixture<PostgresServerFixture>;
