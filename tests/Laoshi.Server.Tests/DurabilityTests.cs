using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Server.Hosting;

namespace Laoshi.Server.Tests;

/// <summary>An annotation the server acknowledged survives the server being killed with SIGKILL.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), $"laoshi-kill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task An_acknowledged_annotation_survives_kill_minus_9()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = ServerFixture.FreePort();
        var url = $"http://127.0.0.1:{port}";
        string token;
        await using (var setup = await Workbench.OpenAsync(new ServerSettings { DataDirectory = data }, null, ct))
        {
            var admin = await setup.Accounts.CreateAsync("admin@laoshi.test", null, isAdmin: true, ct: ct);
            token = (await setup.Accounts.CreateTokenAsync(admin.Account.Id, "test", ct)).Token;
        }
        using var server = Process.Start(CliProcess.StartInfo(data, "serve", "--urls", url))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            await WaitUntilUpAsync(client, ct);
            await client.PostAsJsonAsync("/api/v1/projects", new { name = "t", schema = TestSchemas.TextConfig }, ct);
            await client.PostAsync("/api/v1/projects/t/import?format=jsonl", new StringContent("{\"text\": \"a\"}\n{\"text\": \"b\"}"), ct);
            var item = JsonNode.Parse(await (await client.PostAsync("/api/v1/projects/t/next", null, ct)).Content.ReadAsStringAsync(ct))!;
            var id = item["id"]!.GetValue<long>();
            var body = new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") },
                }),
            };
            var saved = await client.PostAsync($"/api/v1/projects/t/items/{id}/annotations", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await server.WaitForExitAsync(ct);

            await using var bench = await Workbench.OpenAsync(new ServerSettings { DataDirectory = data }, null, ct);
            var project = await bench.Store.Projects.GetAsync("t", ct);
            var detail = await bench.Store.Items.GetAsync(project.Id, id, ct);
            Assert.Single(detail.Annotations);
            Assert.Equal("joy", detail.Annotations[0].Result[0].Labels[0]);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient client, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health", ct)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("server did not start");
            await Task.Delay(200, ct);
        }
    }
}
