using Laoshi.Core.Models;

namespace Laoshi.Server.Models;

/// <summary>
/// Turns what a user types after --model (a registered model name, name@version, an .onnx path, an http(s) URL of a
/// model backend, or predictions:VERSION for predictions already stored in the project) into a model to ask.
/// One resolver serves the CLI and the API, so `laoshi eval --model X` and the web UI mean the same X.
/// </summary>
public interface IModelResolver
{
    Task<IItemModel> OpenAsync(string project, string reference, CancellationToken cancellationToken);
}
