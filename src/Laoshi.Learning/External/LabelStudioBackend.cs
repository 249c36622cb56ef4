using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Formats.LabelStudio;

namespace Laoshi.Learning.External;

/// <summary>
/// A model behind an HTTP backend speaking the Label Studio ML-backend protocol, so existing backends work unchanged:
/// GET /health, POST /setup (label config, project), POST /predict (tasks with their data and the label config;
/// answers in Label Studio's result format, either {"results": [...]} or the older bare list) and POST /webhook
/// (training events). Results are read with the project's schema into regions, percent boxes into pixels.
/// </summary>
public sealed class LabelStudioBackend : IItemModel
{
    private readonly HttpClient _http;
    private readonly LabelStudioBackendOptions _options;

    public LabelStudioBackend(HttpClient http, LabelStudioBackendOptions options, string version)
    {
        _http = http;
        _options = options;
        Version = version;
    }

    public string Version { get; }

    public async Task<BackendHealth> HealthAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, "health", null, cancellationToken);
        return new BackendHealth(body?["status"]?.GetValue<string>() ?? "unknown", body?["model_class"]?.GetValue<string>());
    }

    /// <summary>POST /setup, as Label Studio does when a backend is connected; returns the backend's model_version.</summary>
    public async Task<string?> SetupAsync(CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["project"] = _options.Project,
            ["schema"] = _options.LabelConfig,
            ["hostname"] = _options.Hostname ?? "",
            ["access_token"] = _options.AccessToken ?? "",
            ["model_version"] = Version,
            ["extra_params"] = new JsonObject(),
        };
        var body = await SendAsync(HttpMethod.Post, "setup", request, cancellationToken);
        return body?["model_version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>POST /webhook with an event such as START_TRAINING or ANNOTATION_CREATED; returns the backend's answer.</summary>
    public async Task<JsonNode?> WebhookAsync(string action, JsonObject? payload, CancellationToken cancellationToken)
    {
        var request = payload?.DeepClone().AsObject() ?? [];
        request["action"] = action;
        request["project"] ??= new JsonObject { ["id"] = _options.Project, ["label_config"] = _options.LabelConfig };
        return await SendAsync(HttpMethod.Post, "webhook", request, cancellationToken);
    }

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return [];
        var tasks = new JsonArray();
        foreach (var input in inputs)
        {
            // Label Studio task ids are integers; item ids normally are too.
            JsonNode id = long.TryParse(input.ItemId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : input.ItemId;
            tasks.Add(new JsonObject { ["id"] = id, ["data"] = input.Data.DeepClone() });
        }
        var request = new JsonObject
        {
            ["tasks"] = tasks,
            ["label_config"] = _options.LabelConfig,
            ["project"] = _options.Project,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
        };
        var body = await SendAsync(HttpMethod.Post, "predict", request, cancellationToken);
        var results = body switch
        {
            JsonArray list => list,
            JsonObject o when o["results"] is JsonArray list => list,
            _ => throw new ModelBackendException($"{Url("predict")} answered without a \"results\" list"),
        };
        if (results.Count != inputs.Count)
            throw new ModelBackendException($"{Url("predict")} answered {results.Count} predictions for {inputs.Count} tasks");
        var answers = new List<ModelAnswer>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var path = $"results[{i}]";
            if (results[i] is not JsonObject prediction || prediction["result"] is not JsonArray result)
                throw new ModelBackendException($"{Url("predict")}: {path} has no \"result\" list");
            try
            {
                var regions = LabelStudioResults.FromJson(result, _options.Schema, Url("predict"), path: $"{path}.result");
                var score = prediction["score"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number ? s.GetValue<double>() : (double?)null;
                answers.Add(new ModelAnswer(inputs[i].ItemId, regions, score));
            }
            catch (BadInputException e)
            {
                throw new ModelBackendException($"the backend's answer is not a Label Studio result: {e.Message}", e);
            }
        }
        return answers;
    }

    private string Url(string endpoint) => new Uri(_options.Url, endpoint).ToString();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string endpoint, JsonObject? body, CancellationToken ct)
    {
        var url = Url(endpoint);
        using var request = new HttpRequestMessage(method, url);
        // A buffered body with its Content-Length: simple backends (http.server, some WSGI setups) do not read chunked bodies.
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        if (!string.IsNullOrEmpty(_options.AccessToken)) request.Headers.TryAddWithoutValidation("Authorization", $"Token {_options.AccessToken}");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ModelBackendException($"the model backend at {url} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ModelBackendException($"the model backend at {url} did not answer in time", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new ModelBackendException($"the model backend at {url} answered {(int)response.StatusCode}: {Shorten(text)}");
            if (text.Length == 0) return null;
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ModelBackendException($"the model backend at {url} answered something that is not JSON: {Shorten(text)}", e);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    // The HttpClient belongs to whoever made it (a shared handler in the server).
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
