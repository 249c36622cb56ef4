namespace Laoshi.Formats.Tests.Support;

/// <summary>An export sink that writes files into a folder, as the CLI does.</summary>
public sealed class FolderSink(string folder) : IExportSink
{
    public Stream Create(string relativePath)
    {
        var path = Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.Create(path);
    }
}
