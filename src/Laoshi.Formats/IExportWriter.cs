using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats;

/// <summary>Where an export writes: one file, a folder, or a zip streamed to an HTTP response.</summary>
public interface IExportSink
{
    /// <summary>Creates the file at a relative path (forward slashes); dispose it before creating the next.</summary>
    Stream Create(string relativePath);
}

/// <summary>Writes one export format, streaming; may enumerate the items more than once (COCO does).</summary>
public interface IExportWriter
{
    string Name { get; }

    /// <summary>True when the format is a set of files (YOLO, VOC) rather than one file.</summary>
    bool MultiFile { get; }

    /// <summary>File name of the single file written, for single-file formats ("export.jsonl").</summary>
    string DefaultFileName { get; }

    Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken);
}
