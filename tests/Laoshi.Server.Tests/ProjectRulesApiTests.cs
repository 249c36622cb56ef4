using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>Changing a project's annotation rules, and the dashboard's activity numbers, on both databases.</summary>
public abstract class ProjectRulesApiTests(ServerFixture server)
{
    private HttpClient Client => server.Client;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateAnnotatedProjectAsync()
    {
        var name = $"rules-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var lines = "{\"text\":\"李明在北京\"}\n{\"text\":\"Anna lives in Milan\"}";
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        foreach (var (user, lead) in new[] { ("ana", 4.0), ("bo", 8.0) })
        {
            using var next = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/next");
            var item = JsonNode.Parse(await (await (await server.ClientAsAsync(user, name)).SendAsync(next, Ct)).Content.ReadAsStringAsync(Ct))!;
            var result = new JsonArray
            {
                new JsonObject { ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") } },
                new JsonObject { ["id"] = "s1", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels", ["value"] = new JsonObject { ["start"] = 0, ["end"] = 2, ["labels"] = new JsonArray("PER") } },
            };
            using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/items/{item["id"]}/annotations")
            {
                Content = new StringContent(new JsonObject { ["result"] = result, ["lead_time"] = lead }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            Assert.Equal(HttpStatusCode.Created, (await (await server.ClientAsAsync(user, name)).SendAsync(submit, Ct)).StatusCode);
        }
        return name;
    }

    [Fact]
    public async Task Labels_can_be_added_and_recoloured_but_a_used_label_cannot_be_removed()
    {
        var name = await CreateAnnotatedProjectAsync();
        var grown = TestSchemas.TextConfig
            .Replace("<Label value=\"LOC\" hotkey=\"l\"/>", "<Label value=\"LOC\" hotkey=\"l\" background=\"#00aa00\"/><Label value=\"ORG\" hotkey=\"o\"/>");
        var ok = await Client.PutAsJsonAsync($"/api/v1/projects/{name}/schema", new { schema = grown }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var project = JsonNode.Parse(await Client.GetStringAsync($"/api/v1/projects/{name}", Ct))!;
        Assert.Contains("ORG", project["label_config"]!.GetValue<string>());
        Assert.Contains("#00aa00", project["label_config"]!.GetValue<string>());

        // LOC is unused, so it may go; PER carries two regions, so removing it is refused, naming it.
        var withoutLoc = grown.Replace("<Label value=\"LOC\" hotkey=\"l\" background=\"#00aa00\"/>", "");
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"/api/v1/projects/{name}/schema", new { schema = withoutLoc }, Ct)).StatusCode);
        var withoutPer = withoutLoc.Replace("<Label value=\"PER\" hotkey=\"p\"/>", "");
        var refused = await Client.PutAsJsonAsync($"/api/v1/projects/{name}/schema", new { schema = withoutPer }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!;
        var error = problem["errors"]!.AsArray().Single()!;
        Assert.Contains("'PER'", error["message"]!.GetValue<string>());
        Assert.Equal("$.schema", error["path"]!.GetValue<string>());
        Assert.Contains("PER", JsonNode.Parse(await Client.GetStringAsync($"/api/v1/projects/{name}", Ct))!["label_config"]!.GetValue<string>());

        // The emotion control was answered, so it cannot go either (its labels are named too).
        var withoutEmotion = withoutLoc[..withoutLoc.IndexOf("<Choices", StringComparison.Ordinal)] + withoutLoc[(withoutLoc.IndexOf("</Choices>", StringComparison.Ordinal) + "</Choices>".Length)..];
        var noEmotion = await Client.PutAsJsonAsync($"/api/v1/projects/{name}/schema", new { schema = withoutEmotion }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noEmotion.StatusCode);
        var messages = JsonNode.Parse(await noEmotion.Content.ReadAsStringAsync(Ct))!["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains("'joy'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("control 'emotion'", StringComparison.Ordinal));

        // An invalid schema is refused before anything is stored.
        var broken = await Client.PutAsJsonAsync($"/api/v1/projects/{name}/schema", new { schema = "<View><Choices name=\"x\" toName=\"nowhere\"/></View>" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PutAsJsonAsync("/api/v1/projects/no-such-project/schema", new { schema = grown }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Activity_counts_annotations_per_day_and_per_person()
    {
        var name = await CreateAnnotatedProjectAsync();
        var activity = JsonNode.Parse(await Client.GetStringAsync($"/api/v1/projects/{name}/stats/activity", Ct))!;
        var day = activity["by_day"]!.AsArray().Single()!;
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day["day"]!.GetValue<string>());
        Assert.Equal(2, day["annotations"]!.GetValue<long>());
        var people = activity["by_person"]!.AsArray().ToDictionary(p => p!["user"]!.GetValue<string>());
        Assert.Equal(1, people["ana"]!["annotations"]!.GetValue<long>());
        Assert.Equal(8.0, people["bo"]!["mean_lead_time"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/v1/projects/no-such-project/stats/activity", Ct)).StatusCode);
    }
}

public sealed class SqliteProjectRulesApiTests(SqliteServerFixture server) : ProjectRulesApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresProjectRulesApiTests(PostgresServerFixture server) : ProjectRulesApiTests(server), IClassFixture<PostgresServerFixture>;
