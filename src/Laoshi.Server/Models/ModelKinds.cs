namespace Laoshi.Server.Models;

/// <summary>The kinds of registered model, as the API, the CLI and the registry table spell them.</summary>
public static class ModelKinds
{
    public const string OnnxClassifier = "onnx-classifier";
    public const string OnnxDetector = "onnx-detector";
    public const string HttpBackend = "http-backend";

    /// <summary>A model a built-in trainer made from a snapshot (a training run registers it); its trainer opens it.</summary>
    public const string Trained = "trained";

    public static readonly IReadOnlyList<string> All = [OnnxClassifier, OnnxDetector, HttpBackend, Trained];

    /// <summary>Accepts the short words the CLI offers (classifier, detector, backend) as well as the full names.</summary>
    public static string? Normalize(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "classifier" or OnnxClassifier => OnnxClassifier,
        "detector" or OnnxDetector => OnnxDetector,
        "backend" or "http" or HttpBackend => HttpBackend,
        _ => null,
    };
}
