namespace Laoshi.Formats.ImageDatasets;

/// <summary>Copies an item's stored blob into a multi-file export.</summary>
internal static class ExportFiles
{
    public static async Task CopyAsync(string localPath, IExportSink sink, string relativePath, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var target = sink.Create(relativePath);
        await source.CopyToAsync(target, cancellationToken);
    }
}
