using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Schema;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Laoshi.Server.Api;
using Laoshi.Storage;
using Laoshi.Storage.Models;

namespace Laoshi.Server.Models;

/// <summary>
/// Registers models (an uploaded ONNX file, checked by loading it with its settings before anything is stored; or an
/// HTTP backend, checked with /health and told the project's config with /setup) and opens registered versions as
/// models to ask, with their thresholds applied. One instance per process: it owns the HTTP client backends share.
/// </summary>
public sealed class ModelRegistry(LaoshiStore store, ProjectSchemas schemas, HttpClient http, TrainerCatalog? trainers = null)
{
    /// <summary>The built-in trainers that open "trained" models (none: such models cannot be opened here).</summary>
    public TrainerCatalog Trainers { get; } = trainers ?? new TrainerCatalog([]);

    public LaoshiStore Store => store;

    public ProjectSchemas Schemas => schemas;

    /// <summary>Registers an ONNX classifier or detector as the next version of the name.</summary>
    public async Task<ModelVersionInfo> AddOnnxAsync(ProjectRef project, string name, string kind, Stream file, string fileName, JsonObject settings,
        string user, string? snapshot = null, long? runId = null, string? description = null, CancellationToken ct = default)
    {
        ModelStore.CheckName(name);
        var normalized = ModelKinds.Normalize(kind);
        if (normalized is not (ModelKinds.OnnxClassifier or ModelKinds.OnnxDetector))
            throw new BadInputException($"an ONNX model is a classifier or a detector, not '{kind}'", field: "kind");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) throw new BadInputException($"{fileName} is empty", field: "file");
        var bytes = buffer.ToArray();
        // Load it once with its settings: a wrong label count or input shape is refused now, not at the first prediction.
        await using (OpenOnnx(normalized, bytes, fileName, settings, schemas.For(project), $"{name}@new")) { }
        buffer.Position = 0;
        var blob = await store.Blobs.PutAsync(buffer, Path.GetFileName(fileName), new BlobMetadata("application/octet-stream"), ct);
        return await store.Models.AddAsync(project.Id, new NewModelVersion(name, normalized, settings, BlobHash: blob.Hash, Snapshot: snapshot,
            RunId: runId, Description: description), user, ct);
    }

    /// <summary>
    /// Registers a Label Studio ML backend: it must answer /health with "UP"; /setup receives the project's label config
    /// and its model_version is kept in the settings as backend_model_version.
    /// </summary>
    public async Task<(ModelVersionInfo Model, BackendHealth Health)> ConnectBackendAsync(ProjectRef project, string name, string url, JsonObject settings,
        string user, string? description = null, CancellationToken ct = default)
    {
        ModelStore.CheckName(name);
        var uri = BackendUri(url);
        var backend = Backend(project, uri, name);
        var health = await backend.HealthAsync(ct);
        if (!health.IsUp) throw new ModelBackendException($"the model backend at {uri} says its status is '{health.Status}', not UP");
        var backendVersion = await backend.SetupAsync(ct);
        var stored = (JsonObject)settings.DeepClone();
        if (backendVersion is not null) stored["backend_model_version"] = backendVersion;
        if (health.ModelClass is not null) stored["model_class"] = health.ModelClass;
        var model = await store.Models.AddAsync(project.Id, new NewModelVersion(name, ModelKinds.HttpBackend, stored, Url: uri.ToString(), Description: description), user, ct);
        return (model, health);
    }

    /// <summary>Opens a registered version; its answers carry name@version as their model version.</summary>
    /// <param name="applyThresholds">False to see every answer, as the threshold report needs.</param>
    public async Task<IItemModel> OpenAsync(ProjectRef project, ModelVersionInfo model, CancellationToken ct, bool applyThresholds = true)
    {
        IItemModel opened;
        if (model.Kind == ModelKinds.HttpBackend)
        {
            opened = Backend(project, BackendUri(model.Url ?? ""), model.Reference);
        }
        else if (model.Kind == ModelKinds.Trained)
        {
            opened = await OpenTrainedAsync(model, ct);
        }
        else
        {
            if (model.BlobHash is null) throw new NotFoundException($"the file of model {model.Reference}");
            using var buffer = new MemoryStream();
            await using (var file = store.Blobs.OpenRead(model.BlobHash)) await file.CopyToAsync(buffer, ct);
            opened = OpenOnnx(model.Kind, buffer.ToArray(), model.Reference, model.Settings, schemas.For(project), model.Reference);
        }
        return model.Thresholds.Count == 0 || !applyThresholds ? opened : new ThresholdedModel(opened, model.Thresholds);
    }

    /// <summary>
    /// Registers a model a built-in trainer made (its saved file) as the next version of the name, a candidate with its
    /// lineage; settings record the trainer (which opens it again), its task and classes.
    /// </summary>
    public async Task<ModelVersionInfo> AddTrainedAsync(ProjectRef project, string name, ITrainedModel model, JsonObject settings, string user,
        string? snapshot, long? runId, string? description, CancellationToken ct)
    {
        ModelStore.CheckName(name);
        var stored = (JsonObject)settings.DeepClone();
        stored["trainer"] = model.Trainer;
        using var buffer = new MemoryStream();
        await model.SaveAsync(buffer, ct);
        buffer.Position = 0;
        var blob = await store.Blobs.PutAsync(buffer, $"{name}.{model.Trainer}.model", new BlobMetadata("application/octet-stream"), ct);
        return await store.Models.AddAsync(project.Id, new NewModelVersion(name, ModelKinds.Trained, stored, BlobHash: blob.Hash, Snapshot: snapshot,
            RunId: runId, Description: description), user, ct);
    }

    /// <summary>A trained model comes back through its trainer; its media are read from the blob store like every served model's.</summary>
    private async Task<IItemModel> OpenTrainedAsync(ModelVersionInfo model, CancellationToken ct)
    {
        if (model.BlobHash is null) throw new NotFoundException($"the file of model {model.Reference}");
        var trainerName = model.Settings["trainer"]?.GetValue<string>()
            ?? throw new BadInputException($"model {model.Reference} does not say which trainer made it (settings.trainer)", field: "settings");
        var trainer = Trainers.Get(trainerName);
        await using var file = store.Blobs.OpenRead(model.BlobHash);
        return await trainer.LoadAsync(file, new TrainingContext(0, new BlobMediaSource(store.Blobs), model.Reference), ct);
    }

    /// <summary>
    /// Opens an .onnx file that is not registered (command line only), with the settings in MODEL.json beside it if any:
    /// without a kind, a three-dimensional output makes it a detector, else a classifier; labels and target default to
    /// the project's schema.
    /// </summary>
    public async Task<IItemModel> OpenFileAsync(ProjectRef project, string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new NotFoundException($"model file '{path}'");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var settings = await SidecarSettingsAsync(path, ct);
        var kind = ModelKinds.Normalize(settings["kind"]?.ToString());
        if (kind is null)
        {
            using var probe = OnnxGraph.Load(bytes, path);
            kind = probe.OutputShape.Count == 3 ? ModelKinds.OnnxDetector : ModelKinds.OnnxClassifier;
        }
        return OpenOnnx(kind, bytes, path, settings, schemas.For(project), Path.GetFileName(path));
    }

    /// <summary>Settings of an unregistered model file: MODEL.json beside MODEL.onnx when there is one (same names as registered settings, plus kind).</summary>
    private static async Task<JsonObject> SidecarSettingsAsync(string path, CancellationToken ct)
    {
        var sidecar = Path.ChangeExtension(path, ".json");
        if (!File.Exists(sidecar)) return [];
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(sidecar, ct)) as JsonObject
                ?? throw new BadInputException("must hold a JSON object of settings", file: sidecar, path: "$");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BadInputException($"not valid JSON: {e.Message}", file: sidecar, line: e.LineNumber + 1, path: e.Path);
        }
    }

    /// <summary>A client for a backend URL that is not registered; Label Studio calls /setup first, and so does this.</summary>
    public async Task<IItemModel> OpenUrlAsync(ProjectRef project, string url, CancellationToken ct)
    {
        var backend = Backend(project, BackendUri(url), url);
        await backend.SetupAsync(ct);
        return backend;
    }

    public LabelStudioBackend Backend(ProjectRef project, Uri url, string version) =>
        new(http, new LabelStudioBackendOptions(url, schemas.For(project), project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), version);

    private IItemModel OpenOnnx(string kind, byte[] bytes, string source, JsonObject settings, ProjectSchema schema, string version)
    {
        var graph = OnnxGraph.Load(bytes, source);
        try
        {
            // A two-dimensional input (batch × features) cannot be an image: say so for the user.
            if (settings["input"] is null && graph.InputShape.Count == 2)
            {
                settings = (JsonObject)settings.DeepClone();
                settings["input"] = "tensor";
            }
            var media = new BlobMediaSource(store.Blobs);
            return kind == ModelKinds.OnnxDetector
                ? new OnnxDetector(graph, ModelSettings.Detector(settings, schema), media, version)
                : new OnnxClassifier(graph, ModelSettings.Classifier(settings, schema), media, version);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    private static Uri BackendUri(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BadInputException($"'{url}' is not an http(s) URL of a model backend", field: "url");
        // Relative endpoint names ("predict") must land under the backend's path, which needs the trailing slash.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
