using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>The HTTP API as a script or the web UI uses it, run against SQLite and against PostgreSQL.</summary>
public abstract class ApiTests(ServerFixture server)
{
    private HttpClient Client => server.Client;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateTextProjectAsync(int items = 0)
    {
        var name = $"text-{Guid.NewGuid():N}"[..20];
        var created = await Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (items > 0)
        {
            var lines = string.Join('\n', Enumerable.Range(0, items).Select(i =>
                new JsonObject { ["text"] = i % 2 == 0 ? $"李明在北京 {i}" : $"Anna lives in Milan {i}" }.ToJsonString()));
            var imported = await Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
        return name;
    }

    private async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health", Ct)).StatusCode);
        var openApi = await Client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/projects/{p}/items", openApi);
        Assert.Contains("/api/v1/projects/{p}/next", openApi);
    }

    [Fact]
    public async Task A_project_is_created_from_a_Label_Studio_config_and_read_back()
    {
        var name = await CreateTextProjectAsync();
        var project = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}", Ct));
        Assert.Equal(name, project["name"]!.GetValue<string>());
        Assert.Contains("<Choices", project["label_config"]!.GetValue<string>());
        var byId = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{project["id"]}", Ct));
        Assert.Equal(name, byId["name"]!.GetValue<string>());
        Assert.Equal(0, project["item_count"]!.GetValue<long>());
        // Pages that do not show the count skip it (a scan of the items); the field is there, null.
        var uncounted = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}?count_items=false", Ct));
        Assert.Equal(name, uncounted["name"]!.GetValue<string>());
        Assert.True(uncounted.AsObject().ContainsKey("item_count"));
        Assert.Null(uncounted["item_count"]);

        var duplicate = await Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_schema_naming_a_missing_field_is_refused_with_where()
    {
        var bad = TestSchemas.TextConfig.Replace("toName=\"text\" choice", "toName=\"missing\" choice");
        var response = await Client.PostAsJsonAsync("/api/v1/projects", new { name = "bad-schema", schema = bad }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Contains("missing", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/v1/projects/bad-schema", Ct)).StatusCode);
    }

    [Fact]
    public async Task Items_page_by_cursor_without_gaps_or_repeats()
    {
        var name = await CreateTextProjectAsync(items: 57);
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/projects/{name}/items?limit=10" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await JsonAsync(await Client.GetAsync(url, Ct));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(57, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);

        var found = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items?q=Milan&limit=100", Ct));
        Assert.Equal(28, found["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Next_then_submit_stores_a_durable_versioned_annotation_in_Label_Studio_shape()
    {
        var name = await CreateTextProjectAsync(items: 3);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/next");
        var next = await (await server.ClientAsAsync("ana", name)).SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var item = await JsonAsync(next);
        var id = item["id"]!.GetValue<long>();
        var text = item["data"]!["text"]!.GetValue<string>();
        Assert.StartsWith("李明在北京", text);

        var result = new JsonArray
        {
            new JsonObject { ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") } },
            new JsonObject { ["id"] = "s1", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels", ["value"] = new JsonObject { ["start"] = 0, ["end"] = 2, ["text"] = "李明", ["labels"] = new JsonArray("PER") } },
        };
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/items/{id}/annotations")
        {
            Content = new StringContent(new JsonObject { ["result"] = result.DeepClone(), ["lead_time"] = 4.5 }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var saved = await (await server.ClientAsAsync("ana", name)).SendAsync(submit, Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var first = await JsonAsync(saved);
        Assert.Equal(1, first["version"]!.GetValue<int>());

        var detail = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items/{id}", Ct));
        var annotation = detail["annotations"]![0]!;
        Assert.Equal("ana", annotation["completed_by"]!.GetValue<string>());
        Assert.Equal(4.5, annotation["lead_time"]!.GetValue<double>());
        var span = annotation["result"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "labels")!;
        Assert.Equal(0, span["value"]!["start"]!.GetValue<int>());
        Assert.Equal(2, span["value"]!["end"]!.GetValue<int>());
        Assert.Equal("李明", span["value"]!["text"]!.GetValue<string>());

        // The same item is not offered again to ana; another item is.
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/next");
        var nextItem = await JsonAsync(await (await server.ClientAsAsync("ana", name)).SendAsync(again, Ct));
        Assert.NotEqual(id, nextItem["id"]!.GetValue<long>());

        var stats = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/stats", Ct));
        Assert.Equal(3, stats["items"]!.GetValue<long>());
        Assert.Equal(1, stats["annotated"]!.GetValue<long>());
        Assert.Equal(1, stats["annotations"]!.GetValue<long>());
        Assert.Equal(1, stats["by_label"]!["PER"]!.GetValue<long>());
        Assert.Equal(1, stats["by_label"]!["joy"]!.GetValue<long>());
    }

    [Fact]
    public async Task Next_answers_204_when_nothing_is_left()
    {
        var name = await CreateTextProjectAsync(items: 1);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/api/v1/projects/{name}/next", null, Ct)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{name}/next");
        Assert.Equal(HttpStatusCode.NoContent, (await (await server.ClientAsAsync("bo", name)).SendAsync(other, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_label_is_refused_with_the_field_and_path()
    {
        var name = await CreateTextProjectAsync(items: 1);
        var page = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        var id = page["items"]![0]!["id"]!.GetValue<long>();
        var body = new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray("rage") },
            }),
        };
        var response = await Client.PostAsync($"/api/v1/projects/{name}/items/{id}/annotations",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        var error = problem["errors"]![0]!;
        Assert.Equal("emotion", error["field"]!.GetValue<string>());
        Assert.Contains("rage", error["message"]!.GetValue<string>());
        Assert.Equal("$.result[0].value.choices[0]", error["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_type_in_a_body_is_a_problem_details_400()
    {
        var name = await CreateTextProjectAsync(items: 1);
        var page = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        var id = page["items"]![0]!["id"]!.GetValue<long>();
        var wrongType = await Client.PostAsync($"/api/v1/projects/{name}/items/{id}/annotations",
            new StringContent("""{"result": [], "lead_time": "soon"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("lead_time", (await JsonAsync(wrongType))["detail"]!.GetValue<string>());

        var broken = await Client.PostAsync($"/api/v1/projects/{name}/items/{id}/annotations",
            new StringContent("""{"result": [""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_import_line_names_the_line_and_imports_nothing()
    {
        var name = await CreateTextProjectAsync();
        var body = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"text\": broken}\n{\"text\": \"four\"}\n";
        var response = await Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl&filename=bad.jsonl", new StringContent(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response))["errors"]![0]!;
        Assert.Equal(3, error["line"]!.GetValue<long>());
        Assert.Equal("bad.jsonl", error["file"]!.GetValue<string>());
        var stats = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/stats", Ct));
        Assert.Equal(0, stats["items"]!.GetValue<long>());

        var skipped = await Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl&skip_bad=true", new StringContent(body), Ct);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        var summary = await JsonAsync(skipped);
        Assert.Equal(3, summary["items"]!.GetValue<long>());
        Assert.Equal(1, summary["refused"]!.GetValue<long>());
    }

    [Fact]
    public async Task Predictions_are_kept_apart_and_exports_stream_every_format()
    {
        var name = await CreateTextProjectAsync(items: 4);
        var page = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        var id = page["items"]![1]!["id"]!.GetValue<long>();
        var prediction = new JsonObject
        {
            ["model_version"] = "m1", ["score"] = 0.9,
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "p1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray("sadness") },
            }),
        };
        var created = await Client.PostAsync($"/api/v1/projects/{name}/items/{id}/predictions",
            new StringContent(prediction.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items/{id}", Ct));
        Assert.Empty(item["annotations"]!.AsArray());
        Assert.Equal("m1", item["predictions"]![0]!["model_version"]!.GetValue<string>());

        var jsonl = await Client.GetStringAsync($"/api/v1/projects/{name}/export?format=jsonl", Ct);
        Assert.Equal(4, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"m1\"", jsonl);
        var labelStudio = JsonNode.Parse(await Client.GetStringAsync($"/api/v1/projects/{name}/export?format=labelstudio", Ct))!;
        Assert.Equal(4, labelStudio.AsArray().Count);
        var csv = await Client.GetStringAsync($"/api/v1/projects/{name}/export?format=csv", Ct);
        Assert.Contains("Milan", csv);

        var unknown = await Client.GetAsync($"/api/v1/projects/{name}/export?format=pdf", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_snapshot_freezes_answers_and_exports_by_name()
    {
        var name = await CreateTextProjectAsync(items: 5);
        var page = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        var id = page["items"]![0]!["id"]!.GetValue<long>();
        async Task Submit(string choice)
        {
            var body = new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
                }),
            };
            var response = await Client.PostAsync($"/api/v1/projects/{name}/items/{id}/annotations",
                new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await Submit("joy");
        var snapshot = await Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "train", filter = "annotated" }, Ct);
        Assert.Equal(HttpStatusCode.Created, snapshot.StatusCode);
        Assert.Equal(1, (await JsonAsync(snapshot))["item_count"]!.GetValue<long>());
        await Submit("sadness");

        var frozen = await Client.GetStringAsync($"/api/v1/projects/{name}/export?format=jsonl&snapshot=train", Ct);
        Assert.Contains("joy", frozen);
        Assert.DoesNotContain("sadness", frozen);
        var live = await Client.GetStringAsync($"/api/v1/projects/{name}/export?format=jsonl", Ct);
        Assert.Contains("sadness", live);

        var second = await JsonAsync(await Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "train" }, Ct));
        Assert.Equal(2, second["version"]!.GetValue<int>());
        var list = await JsonAsync(await Client.GetAsync($"/api/v1/projects/{name}/snapshots", Ct));
        Assert.Equal(2, list["snapshots"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/projects/{name}/export?format=jsonl&snapshot=nope", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_projects_and_items_are_404_problems()
    {
        var missing = await Client.GetAsync("/api/v1/projects/no-such-project", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var name = await CreateTextProjectAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/projects/{name}/items/999999", Ct)).StatusCode);
    }
}

public sealed class SqliteApiTests(SqliteServerFixture server) : ApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresApiTests(PostgresServerFixture server) : ApiTests(server), IClassFixture<PostgresServerFixture>;
