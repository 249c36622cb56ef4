namespace Laoshi.Learning.External;

/// <summary>
/// Opens the bytes an item's data value points at (an image path, a stored blob URL). The server answers blob URLs
/// from its blob store; the command line reads files. Models never fetch from the network themselves.
/// </summary>
public interface IMediaSource
{
    Task<Stream> OpenAsync(string reference, CancellationToken cancellationToken);
}
