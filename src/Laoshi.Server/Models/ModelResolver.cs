using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;

namespace Laoshi.Server.Models;

/// <summary>
/// The model references every --model and "model" field accepts: NAME (its production version, else its newest),
/// NAME@VERSION, an http(s):// URL of a Label Studio ML backend, path/to/model.onnx (only where files may be read:
/// the command line), predictions:VERSION, answered by the predictions already stored in the project, and
/// builtin:vad[?settings], voice activity pre-segmentation for audio projects (<see cref="BuiltinVad"/>).
/// </summary>
public sealed class ModelResolver(ModelRegistry registry, bool allowFiles, StoredPredictionsResolver storedPredictions) : IModelResolver
{
    public const string PredictionsPrefix = "predictions:";

    public async Task<IItemModel> OpenAsync(string project, string reference, CancellationToken cancellationToken)
    {
        reference = reference.Trim();
        if (reference.Length == 0) throw new BadInputException("the model reference is empty", field: "model");
        if (reference.StartsWith(PredictionsPrefix, StringComparison.Ordinal))
            return await storedPredictions.OpenAsync(project, reference, cancellationToken);
        var target = await registry.Store.Projects.ResolveAsync(project, cancellationToken);
        if (BuiltinVad.Matches(reference))
            return BuiltinVad.Open(reference, registry.Schemas.For(target), new BlobMediaSource(registry.Store.Blobs));
        if (reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return await registry.OpenUrlAsync(target, reference, cancellationToken);
        if (reference.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return allowFiles
                ? await registry.OpenFileAsync(target, reference, cancellationToken)
                : throw new BadInputException("the server does not read model files from its disk: upload the model and use its name", field: "model");
        var (name, version) = Parse(reference);
        var model = await registry.Store.Models.GetAsync(target.Id, name, version, cancellationToken);
        return await registry.OpenAsync(target, model, cancellationToken);
    }

    /// <summary>Splits NAME@VERSION; a version that is not a whole number is a bad reference.</summary>
    public static (string Name, int? Version) Parse(string reference)
    {
        var at = reference.LastIndexOf('@');
        if (at < 0) return (reference, null);
        return int.TryParse(reference.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (reference[..at], version)
            : throw new BadInputException($"'{reference}': the version after '@' must be a whole number", field: "model");
    }
}
