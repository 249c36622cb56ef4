using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>Evaluations through the HTTP API, on SQLite and on PostgreSQL: run, keep, compare, report, send to review.</summary>
public abstract class EvaluationApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> TestProjectAsync()
    {
        var name = $"eval-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var imported = await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(EvaluationData.Jsonl()), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "test" }, Ct)).StatusCode);
        return name;
    }

    private async Task<JsonNode> EvaluateAsync(string project, string model, params string[] gates)
    {
        var response = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations", new { model, snapshot = "test", gates }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    [Fact]
    public async Task An_evaluation_scores_each_control_on_its_own_checks_gates_and_is_kept()
    {
        var project = await TestProjectAsync();
        var v1 = await EvaluateAsync(project, "predictions:v1", "accuracy>=0.5", "f1_macro>=0.9", "entities.f1>0.6");
        var emotion = v1["report"]!["controls"]!["emotion"]!;
        Assert.Equal("classification", emotion["task"]!.GetValue<string>());
        Assert.Equal(8, emotion["items"]!.GetValue<int>());
        Assert.Equal(4, emotion["wrong"]!.GetValue<int>());
        Assert.Equal(0.5, Number(emotion["metrics"]!["accuracy"]), 1e-12);
        // joy: precision 4/8, recall 1, F1 2/3; sadness never predicted: F1 0.
        Assert.Equal(1.0 / 3, Number(emotion["metrics"]!["f1_macro"]), 1e-12);
        var entities = v1["report"]!["controls"]!["entities"]!;
        Assert.Equal("spans", entities["task"]!.GetValue<string>());
        Assert.Equal((1.0, 0.5), (Number(entities["metrics"]!["precision"]), Number(entities["metrics"]!["recall"])));
        Assert.Equal(2.0 / 3, Number(entities["metrics"]!["f1"]), 1e-12);

        var gates = v1["gates"]!.AsArray();
        Assert.Equal([true, false, true], gates.Select(g => g!["passed"]!.GetValue<bool>()));

        // Slices: per class (sadness worst) and per metadata field ("source"), worst first.
        var slices = emotion["slices"]!.AsArray();
        Assert.Equal(("class", "sadness"), (slices[0]!["dimension"]!.GetValue<string>(), slices[0]!["value"]!.GetValue<string>()));
        Assert.Contains(slices, s => s!["dimension"]!.GetValue<string>() == "source" && s["value"]!.GetValue<string>() == "web");
        var figures = slices.Select(s => s!["figure"]!.GetValue<double>()).ToList();
        Assert.Equal(figures.Order(), figures);

        var list = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations", Ct))!;
        var kept = Assert.Single(list["evaluations"]!.AsArray())!;
        Assert.Equal(1.0 / 3, Number(kept["summary"]!["emotion"]!["value"]), 1e-12);
        Assert.Equal("f1_macro", kept["summary"]!["emotion"]!["headline"]!.GetValue<string>());
        var got = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations/{v1["id"]}", Ct))!;
        Assert.Equal(0.5, Number(got["report"]!["controls"]!["emotion"]!["metrics"]!["accuracy"]), 1e-12);

        var wrong = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations/{v1["id"]}/items?control=emotion&wrong=true", Ct))!;
        Assert.Equal(4, wrong["items"]!.AsArray().Count);
        Assert.All(wrong["items"]!.AsArray(), i => Assert.Equal("sadness", i!["truth"]![0]!.GetValue<string>()));

        var testSets = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/test-sets", Ct))!;
        Assert.Equal("test", Assert.Single(testSets["test_sets"]!.AsArray())!["snapshot"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_evaluations_on_one_snapshot_compare_with_intervals_mcnemar_and_flips_right_to_wrong_first()
    {
        var project = await TestProjectAsync();
        var v1 = await EvaluateAsync(project, "predictions:v1");
        var v2 = await EvaluateAsync(project, "predictions:v2");
        var comparison = JsonNode.Parse(await server.Client.GetStringAsync(
            $"/api/v1/projects/{project}/evaluations/compare?baseline={v1["id"]}&candidate={v2["id"]}", Ct))!;
        var emotion = comparison["controls"]!["emotion"]!;
        Assert.Equal(0.375, Number(emotion["metrics"]!["accuracy"]!["delta"]), 1e-12);
        Assert.Equal((1, 4), (emotion["mcnemar"]!["b"]!.GetValue<int>(), emotion["mcnemar"]!["c"]!.GetValue<int>()));
        // Exact binomial: 2 · P(X ≤ 1 | n = 5, p = ½) = 2 · 6/32.
        Assert.Equal(0.375, Number(emotion["mcnemar"]!["p_value"]), 1e-12);
        var flips = emotion["flips"]!;
        Assert.Equal((1, 4), (flips["right_to_wrong"]!.GetValue<int>(), flips["wrong_to_right"]!.GetValue<int>()));
        var first = flips["items"]![0]!;
        Assert.Equal("right_to_wrong", first["direction"]!.GetValue<string>());
        Assert.Equal(("joy", "joy", "sadness"), (first["truth"]![0]!.GetValue<string>(), first["baseline"]![0]!.GetValue<string>(), first["candidate"]![0]!.GetValue<string>()));
        var interval = emotion["bootstrap"]!;
        Assert.Equal("f1_macro", interval["metric"]!.GetValue<string>());
        Assert.True(Number(interval["lower"]) <= Number(interval["delta"]) && Number(interval["delta"]) <= Number(interval["upper"]));
        var entities = comparison["controls"]!["entities"]!;
        Assert.Equal(1.0 / 3, Number(entities["bootstrap"]!["delta"]), 1e-12);
        Assert.Equal(8, entities["flips"]!["wrong_to_right"]!.GetValue<int>());

        // Another snapshot version is another test set: not comparable.
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "test" }, Ct)).StatusCode);
        var v3 = await EvaluateAsync(project, "predictions:v2");
        var refused = await server.Client.GetAsync($"/api/v1/projects/{project}/evaluations/compare?baseline={v1["id"]}&candidate={v3["id"]}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("same test snapshot", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_html_report_is_self_contained_with_charts_and_failures_go_to_review_once()
    {
        var project = await TestProjectAsync();
        var v1 = await EvaluateAsync(project, "predictions:v1");
        var response = await server.Client.GetAsync($"/api/v1/projects/{project}/evaluations/{v1["id"]}/report.html", Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<svg", html);
        Assert.Contains("confusion matrix", html);
        Assert.Contains("Failing items", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);

        var sent = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations/{v1["id"]}/send-to-review", new { control = "emotion" }, Ct);
        Assert.Equal(4, JsonNode.Parse(await sent.Content.ReadAsStringAsync(Ct))!["sent"]!.GetValue<int>());
        var again = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations/{v1["id"]}/send-to-review", new { control = "emotion" }, Ct);
        Assert.Equal(0, JsonNode.Parse(await again.Content.ReadAsStringAsync(Ct))!["sent"]!.GetValue<int>());

        var reviewer = await server.ClientAsAsync("rita", project, "reviewer");
        var requests = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{project}/review-requests", Ct))!["requests"]!.AsArray();
        Assert.Equal(4, requests.Count);
        Assert.Contains("sadness", requests[0]!["note"]!.GetValue<string>());
        var resolved = await reviewer.PostAsync($"/api/v1/projects/{project}/review-requests/{requests[0]!["id"]}/resolve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/projects/{project}/review-requests", Ct))!["requests"]!.AsArray().Count);
        // Running an evaluation is a manager's work.
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations", new { model = "predictions:v1", snapshot = "test" }, Ct)).StatusCode);
    }

    private const string ImageCaptionConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="box" toName="image"><Label value="sofa"/><Label value="lamp"/></RectangleLabels>
          <TextArea name="caption" toName="image"/>
        </View>
        """;

    private static JsonObject Box(string label, double x, double y, double size, double? score = null)
    {
        var box = new JsonObject
        {
            ["id"] = $"{label}{x}", ["from_name"] = "box", ["to_name"] = "image", ["type"] = "rectanglelabels",
            ["original_width"] = 200, ["original_height"] = 100,
            ["value"] = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = size, ["height"] = size, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray(label) },
        };
        if (score is not null) box["score"] = score;
        return box;
    }

    private static JsonObject Caption(string text) => new()
    {
        ["id"] = "t", ["from_name"] = "caption", ["to_name"] = "image", ["type"] = "textarea",
        ["value"] = new JsonObject { ["text"] = new JsonArray(text) },
    };

    [Fact]
    public async Task Boxes_and_transcripts_in_one_project_are_scored_with_coco_and_wer_each_on_its_own()
    {
        var name = $"eval-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = ImageCaptionConfig }, Ct)).StatusCode);
        // Every image: a sofa and a lamp. The model finds each sofa exactly and puts each lamp in the wrong place;
        // its captions are right on items 0 and 1, one word wrong on item 2 ("blue"), one character short on item 3.
        string[] truthCaptions = ["a red sofa", "红色沙发", "a red sofa", "红色沙发"];
        string[] modelCaptions = ["a red sofa", "红色沙发", "a blue sofa", "红色沙"];
        var lines = Enumerable.Range(0, 4).Select(i => new JsonObject
        {
            ["data"] = new JsonObject { ["image"] = $"/uploads/room-{i}.jpg" },
            ["annotations"] = new JsonArray(new JsonObject { ["result"] = new JsonArray(Box("sofa", 10, 10, 40), Box("lamp", 60, 60, 20), Caption(truthCaptions[i])) }),
            ["predictions"] = new JsonArray(new JsonObject
            {
                ["model_version"] = "d1",
                ["result"] = new JsonArray(Box("sofa", 10, 10, 40, 0.9), Box("lamp", 0, 0, 5, 0.3), Caption(modelCaptions[i])),
            }),
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(string.Join('\n', lines)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync($"/api/v1/projects/{name}/snapshots", new { name = "test" }, Ct)).StatusCode);

        var evaluation = await EvaluateAsync(name, "predictions:d1", "AP50>=0.5", "caption.wer<0.1");
        var box = evaluation["report"]!["controls"]!["box"]!;
        Assert.Equal("detection", box["task"]!.GetValue<string>());
        // sofa: AP 1 at every IoU threshold; lamp: never found, AP 0.
        Assert.Equal(0.5, Number(box["metrics"]!["AP"]), 1e-9);
        Assert.Equal(0.5, Number(box["metrics"]!["AP50"]), 1e-9);
        Assert.Equal(1.0, Number(box["metrics"]!["per_class"]!["sofa"]!["AP"]), 1e-9);
        Assert.Equal(4, box["wrong"]!.GetValue<int>());
        Assert.Equal(("class", "lamp"), (box["slices"]![0]!["dimension"]!.GetValue<string>(), box["slices"]![0]!["value"]!.GetValue<string>()));

        var caption = evaluation["report"]!["controls"]!["caption"]!;
        Assert.Equal("transcripts", caption["task"]!.GetValue<string>());
        // 2 errors over 3 + 4 + 3 + 4 reference units (Chinese counted by character).
        Assert.Equal(2.0 / 14, Number(caption["metrics"]!["wer"]), 1e-12);
        Assert.Equal(2, caption["wrong"]!.GetValue<int>());
        Assert.Equal([true, false], evaluation["gates"]!.AsArray().Select(g => g!["passed"]!.GetValue<bool>()));
    }

    private sealed class RecordedProgress : Jobs.IJobProgress
    {
        public List<double> Fractions { get; } = [];
        public List<string> Lines { get; } = [];

        public Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken)
        {
            Fractions.Add(fraction);
            return Task.CompletedTask;
        }

        public Task LogAsync(string line, CancellationToken cancellationToken)
        {
            Lines.Add(line);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_evaluation_job_handler_runs_the_same_evaluation_and_reports_progress()
    {
        var project = await TestProjectAsync();
        var handler = server.Services.GetServices<Jobs.IJobHandler>().Single(h => h.Kind == "evaluation");
        var progress = new RecordedProgress();
        var result = await handler.RunAsync(new Jobs.JobContext(1, project, new JsonObject { ["model"] = "predictions:v2", ["snapshot"] = "test" }, "jobs", progress), Ct);
        var id = result!["evaluation"]!.GetValue<long>();
        Assert.Equal(1.0, progress.Fractions[^1]);
        Assert.Contains(progress.Lines, l => l.StartsWith($"evaluation {id}:", StringComparison.Ordinal));
        var stored = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations/{id}", Ct))!;
        Assert.Equal(0.875, Number(stored["report"]!["controls"]!["emotion"]!["metrics"]!["accuracy"]), 1e-12);
        Assert.Equal("jobs", stored["created_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_model_version_or_bad_gate_is_refused_naming_what_exists()
    {
        var project = await TestProjectAsync();
        var response = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations", new { model = "predictions:v9", snapshot = "test" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("v9", text);
        Assert.Contains("predictions:v1", text);
        var badGate = await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/evaluations", new { model = "predictions:v1", snapshot = "test", gates = new[] { "f1 >>= x" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badGate.StatusCode);
        Assert.Empty(JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations", Ct))!["evaluations"]!.AsArray());
        var versions = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/evaluations/prediction-versions", Ct))!;
        Assert.Equal(["predictions:v1", "predictions:v2"], versions["versions"]!.AsArray().Select(v => v!["model"]!.GetValue<string>()));
    }
}

public sealed class SqliteEvaluationApiTests(SqliteServerFixture server) : EvaluationApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresEvaluationApiTests(PostgresServerFixture server) : EvaluationApiTests(server), IClassFixture<PostgresServerFixture>;
