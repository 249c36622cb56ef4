using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Storage;

namespace Laoshi.Server.Models;

/// <summary>
/// The model resolver until the model registry exists: it knows `predictions:VERSION` only. The registry's resolver
/// handles the other references (names, .onnx paths, URLs) and hands this prefix to <see cref="OpenStoredAsync"/>.
/// </summary>
public sealed class StoredPredictionsResolver(LaoshiStore store) : IModelResolver
{
    public async Task<IItemModel> OpenAsync(string project, string reference, CancellationToken cancellationToken)
    {
        if (!reference.StartsWith(StoredPredictionsModel.Prefix, StringComparison.Ordinal))
            throw new BadInputException(
                $"model '{reference}' is not known: give predictions:VERSION for predictions stored in the project", field: "model");
        return await OpenStoredAsync(store, project, reference, cancellationToken);
    }

    /// <summary>Opens predictions:VERSION, refusing a version with no predictions in the project (naming the ones there are).</summary>
    public static async Task<IItemModel> OpenStoredAsync(LaoshiStore store, string project, string reference, CancellationToken cancellationToken)
    {
        var version = reference[StoredPredictionsModel.Prefix.Length..];
        var info = await store.Projects.ResolveAsync(project, cancellationToken);
        var versions = await store.Evaluations.PredictionVersionsAsync(info.Id, cancellationToken);
        if (!versions.ContainsKey(version))
            throw new BadInputException(
                $"project '{info.Name}' has no predictions of model version '{version}'" +
                (versions.Count == 0 ? "; it has no predictions at all" : $"; it has {string.Join(", ", versions.Keys.Select(v => StoredPredictionsModel.Prefix + v))}"),
                field: "model");
        return new StoredPredictionsModel(store, info.Id, version);
    }
}
