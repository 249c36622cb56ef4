using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>
/// The load benchmark's annotators as real accounts: an admin made with the CLI (`user add`, `token create`), then
/// through the API each annotator's account, membership and own API token, so every measured request is
/// authenticated and role-checked as in production.
/// </summary>
public static class BenchPeople
{
    private const string Admin = "bench-admin@laoshi.bench";
    private const string Password = "bench-password-not-secret";

    /// <summary>One bearer token per user, in the order given.</summary>
    public static async Task<string[]> TokensAsync(LaoshiCli cli, Uri server, string project, IReadOnlyList<string> users, CancellationToken ct)
    {
        await cli.RunAsync(ct, "user", "add", Admin, "--admin");
        var adminToken = (await cli.RunAsync(ct, "token", "create", Admin)).OutputTail
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        using var admin = new HttpClient { BaseAddress = server };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var tokens = new string[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            await EnsureAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email = users[i], password = Password }, ct));
            await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/projects/{Uri.EscapeDataString(project)}/members",
                new { email = users[i], role = "annotator" }, ct));
            using var person = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server };
            person.DefaultRequestHeaders.Add("X-Laoshi-Request", "1");
            await EnsureAsync(await person.PostAsJsonAsync("/api/v1/session", new { email = users[i], password = Password }, ct));
            var created = await person.PostAsJsonAsync("/api/v1/tokens", new { name = "bench" }, ct);
            await EnsureAsync(created);
            tokens[i] = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
        }
        return tokens;
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkFailedException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
