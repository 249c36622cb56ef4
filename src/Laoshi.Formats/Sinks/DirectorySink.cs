namespace Laoshi.Formats.Sinks;

/// <summary>Writes an export's files under a folder, creating sub-folders as needed; paths may not climb out of it.</summary>
public sealed class DirectorySink(string root) : IExportSink
{
    private readonly string root = Path.GetFullPath(root);

    public Stream Create(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(root, relativePath.Replace('\\', '/')));
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' is outside the export folder", nameof(relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }
}
