using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Media;

namespace Laoshi.Formats.Folder;

/// <summary>
/// Reads a folder of raw files, recursively, one item per file: an image goes to the schema's image field and an
/// audio file to its audio field (both as files the importer stores as blobs), a .txt or .md file's content to its
/// text field. What a file is comes from its bytes; damaged, unsupported or unplaceable files are bad rows with
/// the path and the reason. Hidden files and folders (a leading dot) are skipped.
/// </summary>
public sealed class FolderReader(MediaProbeOptions? probeOptions = null) : IImportReader
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md" };
    private readonly MediaProbe probe = new(probeOptions);

    public string Name => "folder";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var root = source.Path is not null && Directory.Exists(source.Path)
            ? Path.GetFullPath(source.Path)
            : throw new BadInputException("a folder import reads a folder", source.Name);
        var imageField = schema.Fields.FirstOrDefault(f => f.Kind == FieldKind.Image);
        var audioField = schema.Fields.FirstOrDefault(f => f.Kind == FieldKind.Audio);
        var textField = schema.Fields.FirstOrDefault(f => f.Kind == FieldKind.Text);

        foreach (var file in Files(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var where = new InputError("", relative);
            MediaInfo? media = null;
            InputError? error = null;
            try
            {
                media = await probe.ProbeFileAsync(file, cancellationToken);
            }
            catch (BadInputException e)
            {
                error = where with { Message = StripFileName(e.Errors[0].Message, file) };
            }
            if (error is not null)
            {
                yield return new BadRow(error);
                continue;
            }

            if (media!.IsText && !TextExtensions.Contains(Path.GetExtension(file)))
            {
                yield return new BadRow(where with { Message = "unsupported file type: text files are imported from .txt and .md files only" });
                continue;
            }
            var field = media.IsImage ? imageField : media.IsAudio ? audioField : textField;
            var kind = media.IsImage ? "image" : media.IsAudio ? "audio" : "text";
            if (field is null)
            {
                yield return new BadRow(where with { Message = $"the file is {kind} ({media.MediaType}), but the schema has no {kind} field" });
                continue;
            }

            if (media.IsText)
            {
                var content = await File.ReadAllTextAsync(file, cancellationToken);
                yield return new GoodRow(new ImportedItem(new JsonObject { [field.Value] = content }, where));
            }
            else
            {
                var data = new JsonObject { [field.Value] = relative };
                yield return new GoodRow(new ImportedItem(data, [], [], [new FileReference(field.Value, file)], where));
            }
        }
    }

    /// <summary>Files in ordinal path order, so imports are repeatable, without descending into hidden folders.</summary>
    private static IEnumerable<string> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = false };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>The probe names the full path in its message; the row already names the relative one.</summary>
    private static string StripFileName(string message, string path) => message.Replace(path, Path.GetFileName(path), StringComparison.Ordinal);
}
