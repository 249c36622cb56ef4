using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The server's HTTP API as the tests use it to set up projects and to read back what the browser saved.</summary>
public sealed class LaoshiApi(HttpClient client)
{
    /// <summary>Creates a project from a Label Studio config (a string) or a Laoshi schema (a JSON object).</summary>
    public async Task CreateProjectAsync(string name, JsonNode schema, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", new JsonObject { ["name"] = name, ["schema"] = schema }, ct);
        await EnsureAsync(response, ct);
    }

    /// <summary>Imports Label Studio style tasks ({"data", "predictions"...}) as JSON lines.</summary>
    public async Task ImportAsync(string project, IEnumerable<JsonObject> tasks, CancellationToken ct)
    {
        var body = string.Join('\n', tasks.Select(t => t.ToJsonString()));
        var response = await client.PostAsync($"/api/v1/projects/{project}/import?format=jsonl", new StringContent(body, Encoding.UTF8), ct);
        await EnsureAsync(response, ct);
    }

    public async Task<JsonObject> ItemAsync(string project, long id, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items/{id}", ct))!;

    /// <summary>The first item's data of a project, for reusing its stored media (blob URLs) in new projects.</summary>
    public async Task<JsonObject> FirstItemDataAsync(string project, CancellationToken ct)
    {
        var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items?limit=1", ct))!;
        return page["items"]![0]!["data"]!.AsObject();
    }

    /// <summary>The result of the item's current annotation, waiting briefly since the browser saves asynchronously.</summary>
    public async Task<JsonArray> AnnotationResultAsync(string project, long id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var item = await ItemAsync(project, id, ct);
            var current = item["annotations"]!.AsArray().LastOrDefault(a => a!["is_current"]?.GetValue<bool>() ?? true);
            if (current is not null) return current["result"]!.AsArray();
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"item {id} of {project} has no annotation: {item.ToJsonString()}");
            await Task.Delay(100, ct);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
