using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Learning.Tests;
using Laoshi.Learning.Tests.Onnx;

namespace Laoshi.Server.Tests;

/// <summary>The model registry through the HTTP API: ONNX uploads, a real backend process, stages, thresholds, latency; SQLite and PostgreSQL.</summary>
public abstract class ModelsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/><Choice value="neutral"/></Choices>
        </View>
        """;

    private async Task<(string Name, long[] Items)> CreateProjectAsync()
    {
        var name = $"models-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = Config }, Ct)).StatusCode);
        string[] lines =
        [
            """{"text": "a good day", "features": [5, 0, 0, 0]}""",
            """{"text": "bad service", "features": [0, 5, 0, 0]}""",
            """{"text": "it was fine", "features": [0, 1.5, 2, 0]}""",
        ];
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent(string.Join('\n', lines)), Ct)).StatusCode);
        var page = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{name}/items", Ct));
        return (name, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToArray());
    }

    private static MultipartFormDataContent Upload(byte[] model, string name, string kind, string? settings)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(model);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "model.onnx");
        form.Add(new StringContent(name), "name");
        form.Add(new StringContent(kind), "kind");
        if (settings is not null) form.Add(new StringContent(settings), "settings");
        return form;
    }

    private async Task<JsonObject> UploadClassifierAsync(string project, string name = "sentiment-onnx")
    {
        var response = await server.Client.PostAsync($"/api/v1/projects/{project}/models",
            Upload(TestModels.FeatureClassifier(), name, "classifier", """{"input": "tensor", "input_field": "features"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }

    private static StringContent Body(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

    [Fact]
    public async Task An_uploaded_onnx_classifier_answers_items_and_its_answers_can_be_kept_as_predictions()
    {
        var (project, items) = await CreateProjectAsync();

        var model = await UploadClassifierAsync(project);
        var predicted = await JsonAsync(await server.Client.PostAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/predict",
            Body(new JsonObject { ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i)]), ["save"] = true }), Ct));

        Assert.Equal(("sentiment-onnx@1", "onnx-classifier", "candidate", true),
            (model["reference"]!.GetValue<string>(), model["kind"]!.GetValue<string>(), model["stage"]!.GetValue<string>(), model["has_file"]!.GetValue<bool>()));
        var answers = predicted["answers"]!.AsArray();
        Assert.Equal(["positive", "negative", "neutral"], answers.Select(a => a!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));
        Assert.Equal("sentiment", answers[0]!["result"]![0]!["from_name"]!.GetValue<string>());
        Assert.Equal(3, answers[2]!["class_scores"]!.AsObject().Count);
        Assert.Equal(3, predicted["saved"]!.GetValue<int>());
        var item = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/items/{items[0]}", Ct));
        Assert.Equal("sentiment-onnx@1", item["predictions"]![0]!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_name_means_its_production_version_and_promoting_another_archives_the_old_one()
    {
        var (project, _) = await CreateProjectAsync();
        await UploadClassifierAsync(project);
        await UploadClassifierAsync(project);

        var newest = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models/sentiment-onnx", Ct));
        var promoted = await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/stage", Body(new JsonObject { ["stage"] = "production" }), Ct);
        var meant = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models/sentiment-onnx", Ct));
        await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/2/stage", Body(new JsonObject { ["stage"] = "production" }), Ct);
        var list = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models", Ct));
        var bad = await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/2/stage", Body(new JsonObject { ["stage"] = "live" }), Ct);

        Assert.Equal(2, newest["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(1, meant["version"]!.GetValue<int>());
        Assert.Equal(["sentiment-onnx@1 archived", "sentiment-onnx@2 production"],
            list["models"]!.AsArray().Select(m => $"{m!["reference"]} {m["stage"]}"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unknown stage 'live'", await bad.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Thresholds_leave_out_answers_the_user_does_not_trust()
    {
        var (project, items) = await CreateProjectAsync();
        await UploadClassifierAsync(project);

        var set = await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/thresholds",
            Body(new JsonObject { ["thresholds"] = new JsonObject { ["neutral"] = 0.9, ["positive"] = 0.5 } }), Ct);
        var predicted = await JsonAsync(await server.Client.PostAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/predict",
            Body(new JsonObject { ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i)]) }), Ct));
        var refused = await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/thresholds",
            Body(new JsonObject { ["thresholds"] = new JsonObject { ["neutral"] = 1.5 } }), Ct);

        Assert.Equal(0.9, (await JsonAsync(set))["thresholds"]!["neutral"]!.GetValue<double>());
        // "it was fine" is neutral at softmax(0, 1.5, 2) ≈ 0.55 < 0.9: left out; the confident answers stay.
        Assert.Equal([1, 1, 0], predicted["answers"]!.AsArray().Select(a => a!["result"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("between 0 and 1", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_threshold_report_shows_what_each_threshold_gives_on_a_test_snapshot()
    {
        var (project, items) = await CreateProjectAsync();
        await UploadClassifierAsync(project);
        // Truth: the first two as the model says; the third ("it was fine", neutral at ≈ 0.55) is really negative.
        string[] truth = ["positive", "negative", "negative"];
        for (var i = 0; i < items.Length; i++)
        {
            var result = new JsonArray(new JsonObject
            {
                ["id"] = "c", ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray(truth[i]) },
            });
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync($"/api/v1/projects/{project}/items/{items[i]}/annotations",
                Body(new JsonObject { ["result"] = result }), Ct)).StatusCode);
        }
        await server.Client.PostAsJsonAsync($"/api/v1/projects/{project}/snapshots", new { name = "test" }, Ct);
        await server.Client.PutAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/thresholds",
            Body(new JsonObject { ["thresholds"] = new JsonObject { ["neutral"] = 0.6 } }), Ct);

        var report = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/threshold-report?snapshot=test", Ct));
        var missing = await server.Client.GetAsync($"/api/v1/projects/{project}/models/sentiment-onnx/versions/1/threshold-report?snapshot=nope", Ct);

        Assert.Equal(("sentiment", 3L), (report["control"]!.GetValue<string>(), report["items"]!.GetValue<long>()));
        var neutral = report["classes"]!.AsArray().Single(c => c!["label"]!.GetValue<string>() == "neutral")!;
        // at 0 the wrong neutral answer is kept (precision 0); at the set 0.6 it is dropped (nothing kept: precision null)
        Assert.Equal(0, neutral["points"]![0]!["precision"]!.GetValue<double>());
        Assert.Equal((0.6, 0L), (neutral["at_current"]!["threshold"]!.GetValue<double>(), neutral["at_current"]!["kept"]!.GetValue<long>()));
        Assert.Null(neutral["at_current"]!["precision"]);
        var negative = report["classes"]!.AsArray().Single(c => c!["label"]!.GetValue<string>() == "negative")!;
        Assert.Equal((2L, 0.5), (negative["support"]!.GetValue<long>(), negative["points"]![0]!["recall"]!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Uploads_that_cannot_run_are_refused_naming_what_is_wrong_and_nothing_is_registered()
    {
        var (project, _) = await CreateProjectAsync();

        var wrongLabels = await server.Client.PostAsync($"/api/v1/projects/{project}/models",
            Upload(TestModels.FeatureClassifier(), "m", "classifier", """{"input": "tensor", "labels": ["a", "b"]}"""), Ct);
        var notOnnx = await server.Client.PostAsync($"/api/v1/projects/{project}/models", Upload("hello"u8.ToArray(), "m", "classifier", null), Ct);
        var badKind = await server.Client.PostAsync($"/api/v1/projects/{project}/models", Upload(TestModels.FeatureClassifier(), "m", "ranker", null), Ct);
        var badName = await server.Client.PostAsync($"/api/v1/projects/{project}/models", Upload(TestModels.FeatureClassifier(), "a/b", "classifier", null), Ct);
        var list = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models", Ct));

        Assert.Equal(HttpStatusCode.BadRequest, wrongLabels.StatusCode);
        Assert.Contains("3 class scores but 2 labels", await wrongLabels.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, notOnnx.StatusCode);
        Assert.Contains("model.onnx is not an ONNX model", await notOnnx.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Empty(list["models"]!.AsArray());
    }

    [Fact]
    public async Task A_connected_backend_process_is_registered_asked_and_measured()
    {
        var (project, items) = await CreateProjectAsync();
        await using var backend = await BackendProcess.StartAsync(delayMs: 5);

        var connected = await server.Client.PostAsync($"/api/v1/projects/{project}/models",
            Body(new JsonObject { ["name"] = "rules", ["url"] = backend.Url.ToString() }), Ct);
        var model = await JsonAsync(connected);
        var predicted = await JsonAsync(await server.Client.PostAsync($"/api/v1/projects/{project}/models/rules/versions/1/predict",
            Body(new JsonObject { ["items"] = new JsonArray(items[0], items[1]) }), Ct));
        var latency = await JsonAsync(await server.Client.PostAsync($"/api/v1/projects/{project}/latency",
            Body(new JsonObject { ["model"] = "rules", ["concurrency"] = 2, ["requests"] = 10 }), Ct));
        var byUrl = await JsonAsync(await server.Client.PostAsync($"/api/v1/projects/{project}/latency",
            Body(new JsonObject { ["model"] = backend.Url.ToString(), ["requests"] = 3 }), Ct));
        var file = await server.Client.PostAsync($"/api/v1/projects/{project}/latency", Body(new JsonObject { ["model"] = "/tmp/x.onnx" }), Ct);

        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        Assert.Equal(("http-backend", "word-rule-1", "WordRule"),
            (model["kind"]!.GetValue<string>(), model["settings"]!["backend_model_version"]!.GetValue<string>(), model["settings"]!["model_class"]!.GetValue<string>()));
        Assert.Equal(["positive", "negative"], predicted["answers"]!.AsArray().Select(a => a!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));
        Assert.Equal("rules@1", predicted["model"]!.GetValue<string>());
        Assert.Equal((0, 10, "rules@1"), (latency["errors"]!.GetValue<int>(), latency["requests"]!.GetValue<int>(), latency["model"]!.GetValue<string>()));
        Assert.True(latency["p50_ms"]!.GetValue<double>() >= 5);
        Assert.True(latency["requests_per_second"]!.GetValue<double>() > 0);
        Assert.Equal(0, byUrl["errors"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
        Assert.Contains("does not read model files from its disk", await file.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_backend_that_is_not_running_is_not_registered()
    {
        var (project, _) = await CreateProjectAsync();

        var response = await server.Client.PostAsync($"/api/v1/projects/{project}/models",
            Body(new JsonObject { ["name"] = "gone", ["url"] = "http://127.0.0.1:9/" }), Ct);
        var list = await JsonAsync(await server.Client.GetAsync($"/api/v1/projects/{project}/models", Ct));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("could not be reached", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(list["models"]!.AsArray());
    }
}

public sealed class SqliteModelsApiTests(SqliteServerFixture server) : ModelsApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresModelsApiTests(PostgresServerFixture server) : ModelsApiTests(server), IClassFixture<PostgresServerFixture>;
