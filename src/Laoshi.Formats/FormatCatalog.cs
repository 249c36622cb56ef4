using System.Text;
using Laoshi.Core.Errors;

namespace Laoshi.Formats;

/// <summary>
/// Every import and export format Laoshi speaks, found by name, and the guess of a source's format
/// from what it holds when the user says "auto".
/// </summary>
public sealed class FormatCatalog
{
    private readonly Dictionary<string, IImportReader> readers;
    private readonly Dictionary<string, IExportWriter> writers;

    public FormatCatalog(IEnumerable<IImportReader> readers, IEnumerable<IExportWriter> writers)
    {
        this.readers = readers.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        this.writers = writers.ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static FormatCatalog Default { get; } = new(BuiltInFormats.Readers(), BuiltInFormats.Writers());

    public IReadOnlyCollection<string> ImportFormats => readers.Keys;
    public IReadOnlyCollection<string> ExportFormats => writers.Keys;

    public IImportReader Reader(string format) => readers.TryGetValue(format, out var reader)
        ? reader
        : throw new BadInputException($"unknown import format '{format}'; use one of auto, {string.Join(", ", readers.Keys.Order())}", field: "format");

    public IExportWriter Writer(string format) => writers.TryGetValue(format, out var writer)
        ? writer
        : throw new BadInputException($"unknown export format '{format}'; use one of {string.Join(", ", writers.Keys.Order())}", field: "format");

    /// <summary>Guesses the format of a file or folder from its layout, name and first bytes.</summary>
    public static string Detect(string path)
    {
        if (Directory.Exists(path))
        {
            if (Directory.Exists(Path.Combine(path, "labels")) &&
                (File.Exists(Path.Combine(path, "classes.txt")) || File.Exists(Path.Combine(path, "data.yaml")) || File.Exists(Path.Combine(path, "obj.names"))))
            {
                return "yolo";
            }
            if (Directory.Exists(Path.Combine(path, "Annotations")) || Directory.EnumerateFiles(path, "*.xml").Any()) return "voc";
            return "folder";
        }
        if (!File.Exists(path)) throw new BadInputException($"no such file or folder: {path}", file: path);
        using var stream = File.OpenRead(path);
        return DetectFile(Path.GetFileName(path), stream);
    }

    /// <summary>Guesses the format of one file from its name and its first bytes (the stream is read, not rewound).</summary>
    public static string DetectFile(string name, Stream head)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        switch (extension)
        {
            case ".jsonl" or ".ndjson": return "jsonl";
            case ".csv" or ".tsv": return "csv";
            case ".conll" or ".iob" or ".bio" or ".conllu": return "conll";
        }
        var buffer = new byte[64 * 1024];
        var length = head.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.UTF8.GetString(buffer, 0, length).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (length >= 4 && buffer[0] == 'P' && buffer[1] == 'K') return "zip";
        if (text.StartsWith('['))
        {
            return "labelstudio";
        }
        if (text.StartsWith('{'))
        {
            if (text.Contains("\"categories\"") && text.Contains("\"images\"")) return "coco";
            var firstLine = text.Split('\n', 2)[0].Trim();
            var looksLikeOneObjectPerLine = firstLine.EndsWith('}') && text.Split('\n').Length > 1;
            return looksLikeOneObjectPerLine || extension != ".json" ? "jsonl" : "labelstudio";
        }
        if (extension == ".json") return "labelstudio";
        throw new BadInputException($"cannot tell the format of {name}; give --format", file: name);
    }
}
