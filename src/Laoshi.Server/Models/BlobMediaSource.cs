using Laoshi.Core.Errors;
using Laoshi.Learning.External;
using Laoshi.Storage;

namespace Laoshi.Server.Models;

/// <summary>
/// Gives models the media of items as the server stores them: /api/v1/blobs/HASH URLs from the blob store. Other
/// references are refused rather than read from the server's disk or fetched, so item data can never make a model
/// read arbitrary files.
/// </summary>
public sealed class BlobMediaSource(BlobStore blobs) : IMediaSource
{
    public Task<Stream> OpenAsync(string reference, CancellationToken cancellationToken) =>
        BlobStore.TryParseUrl(reference, out var hash)
            ? Task.FromResult(blobs.OpenRead(hash))
            : throw new BadInputException($"'{reference}' is not a stored file ({BlobStore.UrlPrefix}HASH); import the media first", field: "data");
}
