using Laoshi.Core.Errors;

namespace Laoshi.Learning.External;

/// <summary>Reads media references as file paths, relative ones under a base folder.</summary>
public sealed class FileMediaSource(string baseDirectory) : IMediaSource
{
    public Task<Stream> OpenAsync(string reference, CancellationToken cancellationToken)
    {
        var path = Path.IsPathRooted(reference) ? reference : Path.Combine(baseDirectory, reference);
        if (!File.Exists(path)) throw new NotFoundException($"media file '{reference}'");
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
    }
}
