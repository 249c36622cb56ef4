using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Server.Cleaning;
using Laoshi.Server.Jobs;
using Laoshi.Storage;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Laoshi.Server.Tests;

/// <summary>
/// Cleaning a project over the API on SQLite and PostgreSQL: a preview changes nothing; a pass drops broken items and
/// exact repeats, normalises and masks texts, stores near-duplicate clusters; every change can be undone.
/// </summary>
public abstract class CleaningApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Fox = "The quick brown fox jumps over the lazy dog near the river bank this morning";
    private const string FoxFullWidth = "Ｔｈｅ quick brown fox  jumps over the lazy dog near the river bank this morning";
    private const string FoxEvening = "The quick brown fox jumps over the lazy dog near the river bank this evening";
    private const string Traditional = "這個測試的電話是 13812345678，郵箱 alice@example.com";
    private const string WithIp = "Server log from 192.168.1.10 about annotation tools and data.";
    private const string Annotated = "Contact bob@example.com for details";

    private sealed record TextProject(string Name, long Fox, long FullWidth, long Evening, long Traditional, long Empty, long Ip, long Annotated);

    private async Task<TextProject> TextProjectAsync()
    {
        var name = $"clean-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        string[] texts = [Fox, FoxFullWidth, FoxEvening, Traditional, "", WithIp, Annotated];
        var lines = string.Join('\n', texts.Select(t => new JsonObject { ["text"] = t }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(lines), Ct)).StatusCode);
        var ids = (await ItemsAsync(name)).Select(i => i!["id"]!.GetValue<long>()).Order().ToList();
        var alice = await server.ClientAsAsync("alice@laoshi.test", name);
        var answer = new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "c1", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") },
            }),
        };
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync($"/api/v1/projects/{name}/items/{ids[6]}/annotations", answer, Ct)).StatusCode);
        return new TextProject(name, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]);
    }

    private async Task<JsonArray> ItemsAsync(string name) =>
        JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{name}/items?limit=100", Ct))!["items"]!.AsArray();

    private async Task<Dictionary<long, (string Text, string Status)>> StateAsync(string name) =>
        (await ItemsAsync(name)).ToDictionary(i => i!["id"]!.GetValue<long>(), i => ((string)i!["data"]!["text"]!, (string)i["status"]!));

    private static readonly object FullPass = new { dedupe = true, near = 0.7, broken = true, normalize = "nfkc,t2s", pii = "mask" };

    private async Task<JsonObject> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await server.Client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task A_preview_reports_everything_and_changes_nothing()
    {
        var project = await TextProjectAsync();
        var before = await StateAsync(project.Name);

        var report = await PostAsync($"/api/v1/projects/{project.Name}/cleaning/preview", FullPass);

        Assert.True(report["dry_run"]!.GetValue<bool>());
        Assert.Null(report["run_id"]);
        Assert.Equal(7, report["items"]!.GetValue<int>());
        Assert.Equal(1, report["exact_duplicates"]!.GetValue<int>());
        var exact = Assert.Single(report["exact_clusters"]!.AsArray())!;
        Assert.Equal([project.Fox, project.FullWidth], exact["items"]!.AsArray().Select(i => i!.GetValue<long>()));
        var near = Assert.Single(report["near_duplicates"]!.AsArray())!;
        Assert.Equal([project.Fox, project.Evening], near["items"]!.AsArray().Select(i => i!.GetValue<long>()));
        Assert.InRange(near["similarity"]!.GetValue<double>(), 0.7, 0.99);
        var broken = Assert.Single(report["broken"]!.AsArray())!;
        Assert.Equal(project.Empty, broken["item"]!.GetValue<long>());
        Assert.Contains("empty text", (string)broken["reason"]!);
        var pii = report["pii"]!.AsObject();
        Assert.Equal(["email", "phone", "id_number", "bank_card", "ip"], pii.Select(p => p.Key));
        Assert.Equal((2, 1, 0, 0, 1), (pii["email"]!.GetValue<int>(), pii["phone"]!.GetValue<int>(), pii["id_number"]!.GetValue<int>(),
            pii["bank_card"]!.GetValue<int>(), pii["ip"]!.GetValue<int>()));
        var preview = report["normalize_preview"]!.AsArray();
        var chinese = preview.Single(p => p!["item"]!.GetValue<long>() == project.Traditional)!;
        Assert.Equal(Traditional, (string)chinese["before"]!);
        Assert.StartsWith("这个测试的电话是 13812345678,邮箱", (string)chinese["after"]!);
        Assert.Equal(project.Annotated, Assert.Single(report["skipped"]!.AsArray())!["item"]!.GetValue<long>());

        Assert.Equal(before, await StateAsync(project.Name));
        var runs = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project.Name}/cleaning/runs", Ct))!;
        Assert.Empty(runs["runs"]!.AsArray());
    }

    [Fact]
    public async Task A_pass_drops_rewrites_and_logs_and_undo_gives_every_original_back()
    {
        var project = await TextProjectAsync();
        var original = await StateAsync(project.Name);
        var p = $"/api/v1/projects/{project.Name}/cleaning";

        var report = await PostAsync($"{p}/runs", FullPass);
        var run = report["run_id"]!.GetValue<long>();
        Assert.False(report["dry_run"]!.GetValue<bool>());
        Assert.Equal(2, report["dropped"]!.GetValue<int>());           // the empty text and the full-width repeat
        Assert.Equal(2, report["normalized"]!.GetValue<int>());        // the full-width repeat and the traditional text
        Assert.Equal(2, report["pii_masked"]!.GetValue<int>());        // the Chinese text and the IP address; not the answered item
        Assert.Equal(6, report["changes"]!.GetValue<int>());
        Assert.NotNull(report["near_duplicates"]![0]!["cluster"]);

        var state = await StateAsync(project.Name);
        Assert.Equal("dropped", state[project.Empty].Status);
        Assert.Equal("dropped", state[project.FullWidth].Status);
        Assert.Equal("new", state[project.Fox].Status);
        Assert.StartsWith("这个测试的电话是 138****5678,邮箱", state[project.Traditional].Text);
        Assert.DoesNotContain("alice@example.com", state[project.Traditional].Text);
        Assert.DoesNotContain("192.168.1.10", state[project.Ip].Text);
        Assert.Equal(Annotated, state[project.Annotated].Text);

        // Dropped items stay stored but leave snapshots and exports.
        var snapshot = await PostAsync($"/api/v1/projects/{project.Name}/snapshots", new { name = "clean" }, HttpStatusCode.Created);
        Assert.Equal(5, snapshot["item_count"]!.GetValue<int>());
        var export = await server.Client.GetStringAsync($"/api/v1/projects/{project.Name}/export?format=jsonl", Ct);
        Assert.Equal(5, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // The log holds what each change replaced.
        var changes = JsonNode.Parse(await server.Client.GetStringAsync($"{p}/changes?run={run}&limit=100", Ct))!["changes"]!.AsArray();
        Assert.Equal(6, changes.Count);
        var mask = changes.Single(c => (string)c!["kind"]! == "pii_mask" && c["item_id"]!.GetValue<long>() == project.Traditional)!;
        var normalize = changes.Single(c => (string)c!["kind"]! == "normalize" && c["item_id"]!.GetValue<long>() == project.Traditional)!;
        Assert.Contains("13812345678", (string)mask["before"]!);
        Assert.Contains(Traditional, (string)normalize["before"]!);

        // Undo one change at a time: the later one first; twice is refused.
        var early = await server.Client.PostAsync($"{p}/changes/{normalize["id"]}/undo", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("undo the later change first", await early.Content.ReadAsStringAsync(Ct));
        var undone = await PostAsync($"{p}/changes/{mask["id"]}/undo", new { });
        Assert.True(undone["undone"]!.GetValue<bool>());
        Assert.StartsWith("这个测试的电话是 13812345678", (await StateAsync(project.Name))[project.Traditional].Text);
        await PostAsync($"{p}/changes/{normalize["id"]}/undo", new { });
        Assert.Equal(Traditional, (await StateAsync(project.Name))[project.Traditional].Text);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync($"{p}/changes/{mask["id"]}/undo", null, Ct)).StatusCode);

        // The whole run: everything not undone yet, newest first.
        var all = await PostAsync($"{p}/runs/{run}/undo", new { });
        Assert.Equal(4, all["undone"]!.GetValue<int>());
        Assert.Equal(original, await StateAsync(project.Name));
        var stored = JsonNode.Parse(await server.Client.GetStringAsync($"{p}/runs/{run}", Ct))!;
        Assert.Equal(6, stored["report"]!["changes"]!.GetValue<int>());
        Assert.Equal("nfkc,t2s", (string)stored["options"]!["normalize"]!);
    }

    [Fact]
    public async Task A_near_duplicate_cluster_is_kept_merged_or_dropped_and_undone()
    {
        var project = await TextProjectAsync();
        var p = $"/api/v1/projects/{project.Name}/cleaning";
        await PostAsync($"{p}/runs", new { near = 0.7 });

        var open = JsonNode.Parse(await server.Client.GetStringAsync($"{p}/clusters", Ct))!["clusters"]!.AsArray();
        var cluster = Assert.Single(open)!;
        Assert.Equal("near_text", (string)cluster["kind"]!);
        Assert.Equal([Fox, FoxEvening], cluster["items"]!.AsArray().Select(i => (string)i!["data"]!["text"]!));
        var all = JsonNode.Parse(await server.Client.GetStringAsync($"{p}/clusters?status=all", Ct))!["clusters"]!.AsArray();
        Assert.Equal(["keep", "open"], all.Select(c => (string)c!["status"]!).Order());

        var id = cluster["id"]!.GetValue<long>();
        var outsider = await server.Client.PostAsJsonAsync($"{p}/clusters/{id}/resolve", new { resolution = "keep", keep = project.Ip }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains($"item {project.Ip} is not in cluster {id}", await outsider.Content.ReadAsStringAsync(Ct));
        var unknown = await server.Client.PostAsJsonAsync($"{p}/clusters/{id}/resolve", new { resolution = "shred" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var merged = await PostAsync($"{p}/clusters/{id}/resolve", new { resolution = "merge", keep = project.Evening });
        Assert.Equal("merge", (string)merged["status"]!);
        Assert.Equal(project.Evening, merged["kept_item_id"]!.GetValue<long>());
        var item = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project.Name}/items/{project.Evening}", Ct))!;
        Assert.Equal([project.Fox], item["data"]!["merged_items"]!.AsArray().Select(i => i!.GetValue<long>()));
        Assert.Equal("dropped", (await StateAsync(project.Name))[project.Fox].Status);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync($"{p}/clusters/{id}/resolve", new { resolution = "drop" }, Ct)).StatusCode);

        var undone = await PostAsync($"{p}/clusters/{id}/undo", new { });
        Assert.Equal(2, undone["undone"]!.GetValue<int>());
        Assert.Equal("new", (await StateAsync(project.Name))[project.Fox].Status);
        item = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project.Name}/items/{project.Evening}", Ct))!;
        Assert.Null(item["data"]!["merged_items"]);
        Assert.Equal("open", (string)JsonNode.Parse(await server.Client.GetStringAsync($"{p}/clusters/{id}", Ct))!["status"]!);

        var dropped = await PostAsync($"{p}/clusters/{id}/resolve", new { resolution = "drop" });
        Assert.Null(dropped["kept_item_id"]);
        var state = await StateAsync(project.Name);
        Assert.Equal(("dropped", "dropped"), (state[project.Fox].Status, state[project.Evening].Status));
    }

    [Fact]
    public async Task Bad_options_are_a_400_naming_the_field_and_annotators_may_not_clean()
    {
        var project = await TextProjectAsync();
        var p = $"/api/v1/projects/{project.Name}/cleaning";
        foreach (var (body, says) in new (object, string)[]
        {
            (new { }, "nothing to do"),
            (new { near = 1.5 }, "near"),
            (new { normalize = "nfkc,sparkle" }, "sparkle"),
            (new { pii = "hide" }, "pii"),
            (new { dedupe = "yes" }, "dedupe"),
        })
        {
            var response = await server.Client.PostAsJsonAsync($"{p}/runs", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(Ct));
        }
        var annotator = await server.ClientAsAsync("ann@laoshi.test", project.Name);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.PostAsJsonAsync($"{p}/preview", new { dedupe = true }, Ct)).StatusCode);

        var normalized = await PostAsync($"{p}/normalize", new { text = "ＡＢＣ　這裡", normalize = "width,t2s" });
        Assert.Equal("ABC 这里", (string)normalized["after"]!);
    }

    [Fact]
    public async Task Images_broken_small_mislabelled_and_near_duplicates_are_found_by_their_bytes()
    {
        var name = $"clean-img-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.ImageConfig }, Ct)).StatusCode);
        var store = server.Store;
        async Task<string> Put(byte[] bytes, string file) => (await store.Blobs.PutAsync(new MemoryStream(bytes), file, ct: Ct)).Url;
        var gradient = Pattern(128, 128, (x, y) => Scene(x, y, 0));
        var cut = Pattern(96, 96, (x, y) => (byte)(x * y));
        string[] urls =
        [
            await Put(gradient, "gradient.png"),
            await Put(Pattern(128, 128, (x, y) => Scene(x, y, 10)), "brighter.png"),
            await Put(Pattern(128, 128, (x, y) => (byte)((x / 16 + y / 16) % 2 * 255)), "checks.png"),
            await Put(cut[..(cut.Length / 2)], "cut.png"),
            await Put(TestImages.Png(8, 8, SKColors.Red), "tiny.png"),
            await Put(TestImages.Png(64, 64, SKColors.Blue), "photo.jpg"),
        ];
        var project = await store.Projects.GetAsync(name, Ct);
        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            foreach (var url in urls.Prepend(urls[0])) await batch.AddAsync(new JsonObject { ["image"] = url }, [], [], Ct);
            await batch.CommitAsync(Ct);
        }
        var ids = (await ItemsAsync(name)).Select(i => i!["id"]!.GetValue<long>()).Order().ToList();

        var report = await PostAsync($"/api/v1/projects/{name}/cleaning/preview", new { near = 0.9, broken = true });

        Assert.Equal(1, report["exact_duplicates"]!.GetValue<int>());
        Assert.True(report["near_duplicates"]!.AsArray().Count == 1, report.ToJsonString());
        var near = report["near_duplicates"]![0]!;
        Assert.Equal("near_image", (string)near["kind"]!);
        Assert.Equal([ids[0], ids[2]], near["items"]!.AsArray().Select(i => i!.GetValue<long>()));
        var broken = report["broken"]!.AsArray().ToDictionary(b => b!["item"]!.GetValue<long>(), b => (string)b!["reason"]!);
        Assert.Equal([ids[4], ids[5], ids[6]], broken.Keys.Order());
        Assert.Contains("undecodable image", broken[ids[4]]);
        Assert.Contains("8x8 pixels, below the minimum of 32", broken[ids[5]]);
        Assert.Contains("mislabelled file type", broken[ids[6]]);
        Assert.Contains("image/png", broken[ids[6]]);
    }

    [Fact]
    public async Task The_clean_job_handler_runs_a_pass_and_reports_progress()
    {
        var project = await TextProjectAsync();
        var handler = server.Services.GetServices<IJobHandler>().Single(h => h.Kind == "clean");
        var progress = new RecordingProgress();
        var parameters = new JsonObject { ["dedupe"] = true, ["pii"] = "report" };
        var result = await handler.RunAsync(new JobContext(41, project.Name, parameters, "jobs@laoshi.test", progress), Ct);
        Assert.Equal(1L, result!["exact_duplicates"]!.GetValue<long>());
        Assert.Equal(1.0, progress.Fractions[^1]);
        var changes = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project.Name}/cleaning/changes", Ct))!["changes"]!.AsArray();
        var drop = Assert.Single(changes)!;
        Assert.Equal((41L, "jobs@laoshi.test"), (drop["job_id"]!.GetValue<long>(), (string)drop["created_by"]!));
    }

    private sealed class RecordingProgress : IJobProgress
    {
        public List<double> Fractions { get; } = [];

        public Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken)
        {
            Fractions.Add(fraction);
            return Task.CompletedTask;
        }

        public Task LogAsync(string line, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Waves and a bright disc: structure a perceptual hash keeps when the whole picture is made brighter.</summary>
    private static byte Scene(int x, int y, double brighter)
    {
        var value = 120 + 70 * Math.Sin(x / 11.0) * Math.Cos(y / 17.0) + ((x - 40) * (x - 40) + (y - 70) * (y - 70) < 600 ? 60 : 0);
        return (byte)Math.Clamp(value + brighter, 0, 255);
    }

    /// <summary>A grey PNG whose pixels come from a formula: real structure for the perceptual hash to see.</summary>
    private static byte[] Pattern(int width, int height, Func<int, int, byte> gray)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var g = gray(x, y);
                bitmap.SetPixel(x, y, new SKColor(g, g, g));
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

public sealed class SqliteCleaningApiTests(SqliteServerFixture server) : CleaningApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresCleaningApiTests(PostgresServerFixture server) : CleaningApiTests(server), IClassFixture<PostgresServerFixture>;
