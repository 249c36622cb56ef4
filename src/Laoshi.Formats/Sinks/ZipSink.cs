using System.IO.Compression;

namespace Laoshi.Formats.Sinks;

/// <summary>
/// Writes an export as a zip archive onto a stream that need not seek (an HTTP response body): entries are
/// written one after another with their sizes in trailing descriptors. Dispose to write the central directory;
/// the output stream itself is left open.
/// </summary>
public sealed class ZipSink(Stream output, CompressionLevel compression = CompressionLevel.Fastest) : IExportSink, IDisposable, IAsyncDisposable
{
    private readonly ZipArchive archive = new(output, ZipArchiveMode.Create, leaveOpen: true);

    public Stream Create(string relativePath)
    {
        var name = relativePath.Replace('\\', '/').TrimStart('/');
        if (name.Length == 0 || name.Split('/').Contains(".."))
            throw new ArgumentException($"'{relativePath}' is not a relative path inside the archive", nameof(relativePath));
        return archive.CreateEntry(name, compression).Open();
    }

    public void Dispose() => archive.Dispose();

    public ValueTask DisposeAsync() => archive.DisposeAsync();
}
