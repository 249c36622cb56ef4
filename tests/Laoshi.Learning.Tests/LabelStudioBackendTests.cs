using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Schema;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Tests;

public sealed class LabelStudioBackendTests
{
    private static readonly ProjectSchema Schema = LabelStudioConfig.Parse(
        """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>""");

    [Fact]
    public async Task A_real_backend_process_is_set_up_asked_for_predictions_and_told_about_training()
    {
        await using var backend = await BackendProcess.StartAsync();
        using var http = new HttpClient();
        var options = new LabelStudioBackendOptions(backend.Url, Schema, "12.1700000000");
        await using var model = new LabelStudioBackend(http, options, "rules@1");
        var ct = TestContext.Current.CancellationToken;

        var health = await model.HealthAsync(ct);
        var version = await model.SetupAsync(ct);
        var answers = await model.PredictAsync(
            [new ModelInput("41", new JsonObject { ["text"] = "a good film" }), new ModelInput("42", new JsonObject { ["text"] = "dull" })], ct);
        var webhook = await model.WebhookAsync("START_TRAINING", null, ct);

        Assert.True(health.IsUp);
        Assert.Equal("WordRule", health.ModelClass);
        Assert.Equal("word-rule-1", version);
        Assert.Equal(["41", "42"], answers.Select(a => a.ItemId));
        Assert.Equal(["positive", "negative"], answers.Select(a => a.Regions.Single().Labels.Single()));
        var region = answers[0].Regions.Single();
        Assert.Equal(("sentiment", "text", RegionTypes.Choices, 0.9), (region.FromName, region.ToName, region.Type, region.Score));
        Assert.Equal(0.9, answers[0].Score);
        Assert.Equal("START_TRAINING", webhook?["action"]?.GetValue<string>());

        var calls = (await http.GetFromJsonAsync<JsonArray>(new Uri(backend.Url, "calls"), ct))!;
        Assert.Equal(["/setup", "/predict", "/webhook"], calls.Select(c => c!["path"]!.GetValue<string>()));
        Assert.Contains("<Choices name=\"sentiment\" toName=\"text\">", calls[0]!["body"]!["schema"]!.GetValue<string>());
        Assert.Equal("12.1700000000", calls[0]!["body"]!["project"]!.GetValue<string>());
        var tasks = calls[1]!["body"]!["tasks"]!.AsArray();
        Assert.Equal(41, tasks[0]!["id"]!.GetValue<long>());
        Assert.Equal("a good film", tasks[0]!["data"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_backend_that_cannot_be_reached_is_reported_as_a_backend_failure_naming_its_url()
    {
        await using var backend = await BackendProcess.StartAsync();
        var url = backend.Url;
        await backend.DisposeAsync();
        using var http = new HttpClient();
        await using var model = new LabelStudioBackend(http, new LabelStudioBackendOptions(url, Schema, "1"), "gone");

        var error = await Assert.ThrowsAsync<ModelBackendException>(() => model.PredictAsync([new ModelInput("1", new JsonObject { ["text"] = "x" })], TestContext.Current.CancellationToken));

        Assert.Contains($"{url}predict could not be reached", error.Message);
        Assert.Equal(502, error.StatusCode);
    }

    [Fact]
    public async Task A_backend_error_answer_is_reported_with_its_status_and_message()
    {
        await using var backend = await BackendProcess.StartAsync();
        using var http = new HttpClient();
        var noChoices = LabelStudioConfig.Parse("""<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/></Labels></View>""");
        await using var model = new LabelStudioBackend(http, new LabelStudioBackendOptions(backend.Url, noChoices, "1"), "v");

        var error = await Assert.ThrowsAsync<ModelBackendException>(() => model.PredictAsync([new ModelInput("1", new JsonObject { ["text"] = "x" })], TestContext.Current.CancellationToken));

        Assert.Contains("answered 400", error.Message);
        Assert.Contains("no Choices control in label_config", error.Message);
    }
}
