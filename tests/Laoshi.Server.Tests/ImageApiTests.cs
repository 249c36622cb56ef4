using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Laoshi.Server.Tests;

/// <summary>Images: a zipped folder imported over HTTP, boxes in percent in and out, pixels in COCO and YOLO.</summary>
public sealed class ImageApiTests(SqliteServerFixture server) : IClassFixture<SqliteServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_box_drawn_in_percent_reads_back_the_same_and_exports_in_each_formats_convention()
    {
        var client = server.Client;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/projects", new { name = "rooms", schema = TestSchemas.ImageConfig }, Ct)).StatusCode);

        using var zipBytes = new MemoryStream();
        using (var zip = new ZipArchive(zipBytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, color) in new[] { ("a.png", SKColors.Red), ("b.png", SKColors.Blue) })
            {
                await using var entry = zip.CreateEntry($"photos/{file}").Open();
                await entry.WriteAsync(TestImages.Png(400, 300, color), Ct);
            }
        }
        var imported = await client.PostAsync("/api/v1/projects/rooms/import?format=folder",
            new ByteArrayContent(zipBytes.ToArray()) { Headers = { ContentType = new("application/zip") } }, Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var page = JsonNode.Parse(await client.GetStringAsync("/api/v1/projects/rooms/items", Ct))!;
        Assert.Equal(2, page["items"]!.AsArray().Count);
        var item = page["items"]![0]!;
        var imageUrl = item["data"]!["image"]!.GetValue<string>();
        Assert.StartsWith("/api/v1/blobs/", imageUrl);
        var blob = await client.GetAsync(imageUrl, Ct);
        Assert.Equal("image/png", blob.Content.Headers.ContentType?.MediaType);

        var box = new JsonObject
        {
            ["id"] = "b1", ["from_name"] = "box", ["to_name"] = "image", ["type"] = "rectanglelabels",
            ["original_width"] = 400, ["original_height"] = 300, ["image_rotation"] = 0,
            ["value"] = new JsonObject { ["x"] = 10.0, ["y"] = 20.0, ["width"] = 30.0, ["height"] = 40.0, ["rotation"] = 0.0, ["rectanglelabels"] = new JsonArray("sofa") },
        };
        var id = item["id"]!.GetValue<long>();
        var saved = await client.PostAsync($"/api/v1/projects/rooms/items/{id}/annotations",
            new StringContent(new JsonObject { ["result"] = new JsonArray(box) }.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var detail = JsonNode.Parse(await client.GetStringAsync($"/api/v1/projects/rooms/items/{id}", Ct))!;
        var value = detail["annotations"]![0]!["result"]![0]!["value"]!;
        Assert.Equal(10.0, value["x"]!.GetValue<double>(), 9);
        Assert.Equal(20.0, value["y"]!.GetValue<double>(), 9);
        Assert.Equal(30.0, value["width"]!.GetValue<double>(), 9);
        Assert.Equal(40.0, value["height"]!.GetValue<double>(), 9);

        var coco = JsonNode.Parse(await client.GetStringAsync("/api/v1/projects/rooms/export?format=coco", Ct))!;
        var bbox = coco["annotations"]![0]!["bbox"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        Assert.Equal([40.0, 60.0, 120.0, 120.0], bbox.Select(v => Math.Round(v, 6)).ToArray());

        var yolo = await client.GetByteArrayAsync("/api/v1/projects/rooms/export?format=yolo", Ct);
        using var archive = new ZipArchive(new MemoryStream(yolo));
        var labelFile = archive.Entries.First(e => e.FullName.StartsWith("labels/") && e.Length > 0);
        using var reader = new StreamReader(labelFile.Open());
        var parts = (await reader.ReadToEndAsync(Ct)).Trim().Split(' ');
        Assert.Equal("0", parts[0]);
        Assert.Equal(0.25, double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 6);   // (40 + 60) / 400
        Assert.Equal(0.4, double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), 6);    // (60 + 60) / 300
    }

    [Fact]
    public async Task A_box_outside_the_image_is_refused()
    {
        var client = server.Client;
        await client.PostAsJsonAsync("/api/v1/projects", new { name = "rooms-2", schema = TestSchemas.ImageConfig }, Ct);
        var dir = Directory.CreateTempSubdirectory("laoshi-img-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "a.png"), TestImages.Png(200, 100, SKColors.Green), Ct);
            var task = new JsonObject
            {
                ["data"] = new JsonObject { ["image"] = Path.Combine(dir.FullName, "a.png") },
                ["annotations"] = new JsonArray(new JsonObject
                {
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "b", ["from_name"] = "box", ["to_name"] = "image", ["type"] = "rectanglelabels",
                        ["value"] = new JsonObject { ["x"] = 90.0, ["y"] = 10.0, ["width"] = 30.0, ["height"] = 10.0, ["rectanglelabels"] = new JsonArray("lamp") },
                    }),
                }),
            };
            var response = await client.PostAsync("/api/v1/projects/rooms-2/import?format=jsonl&filename=boxes.jsonl", new StringContent(task.ToJsonString()), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]![0]!;
            Assert.Equal(1, error["line"]!.GetValue<long>());
            Assert.Contains("beyond the image width", error["message"]!.GetValue<string>());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
