using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats;

/// <summary>
/// Where an import reads from: a stream (a single-file format sent over HTTP or opened from disk),
/// or a path to a file or folder (formats that reference image files beside them).
/// Name is what error messages call it (a file name).
/// </summary>
public sealed record ImportSource(string Name, string? Path = null, Func<Stream>? OpenStream = null)
{
    public Stream Open() => OpenStream?.Invoke()
        ?? (Path is not null ? File.OpenRead(Path) : throw new InvalidOperationException("import source has neither a stream nor a path"));

    /// <summary>The folder that relative file references inside the source resolve against.</summary>
    public string? BaseDirectory => Path is null ? null : Directory.Exists(Path) ? Path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
}

/// <summary>Reads one import format as a stream of items; never loads the whole source into memory.</summary>
public interface IImportReader
{
    /// <summary>The --format name: jsonl, csv, labelstudio, coco, yolo, voc, conll, folder.</summary>
    string Name { get; }

    IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, CancellationToken cancellationToken);
}
