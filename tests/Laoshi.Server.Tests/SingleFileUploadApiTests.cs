using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Laoshi.Server.Tests;

/// <summary>The web UI uploads picked image files one request each; each body becomes one item, on both databases.</summary>
public abstract class SingleFileUploadApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_sent_alone_becomes_one_item_and_a_stray_file_is_refused_by_name()
    {
        var client = server.Client;
        var name = $"upload-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.ImageConfig }, Ct)).StatusCode);

        foreach (var (file, color) in new[] { ("red sofa.png", SKColors.Red), ("blue.png", SKColors.Blue) })
        {
            var body = new ByteArrayContent(TestImages.Png(120, 80, color)) { Headers = { ContentType = new("image/png") } };
            var response = await client.PostAsync($"/api/v1/projects/{name}/import?filename={Uri.EscapeDataString(file)}", body, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal(1, summary["items"]!.GetValue<long>());
        }

        var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/projects/{name}/items", Ct))!;
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var blob = await client.GetAsync(items[0]!["data"]!["image"]!.GetValue<string>(), Ct);
        Assert.Equal("image/png", blob.Content.Headers.ContentType?.MediaType);

        var stray = await client.PostAsync($"/api/v1/projects/{name}/import?filename=notes.bin", new ByteArrayContent([1, 2, 3, 4]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        Assert.Contains("notes.bin", await stray.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class SqliteSingleFileUploadApiTests(SqliteServerFixture server) : SingleFileUploadApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresSingleFileUploadApiTests(PostgresServerFixture server) : SingleFileUploadApiTests(server), IClassFixture<PostgresServerFixture>;
