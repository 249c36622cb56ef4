using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Media;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Yolo;

/// <summary>
/// Reads a YOLO dataset folder: images under images/ (any depth, e.g. images/train) or at the root, a label file
/// per image under labels/ mirroring the image path (or beside the image), and the class names in classes.txt
/// or data.yaml. Label lines are "class cx cy w h" (normalised, an optional sixth number is a confidence) or
/// "class x1 y1 x2 y2 x3 y3 ..." polygons; they become pixel regions using the size in each image's header.
/// </summary>
public sealed class YoloReader : IImportReader
{
    public string Name => "yolo";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "YOLO");
        var root = source.Path is not null && Directory.Exists(source.Path)
            ? Path.GetFullPath(source.Path)
            : throw new BadInputException("a YOLO import reads a folder (images/, labels/, classes.txt or data.yaml)", source.Name);
        var (names, namesFile) = await YoloClassNames.ReadAsync(root, cancellationToken);

        var imagesFolder = Path.Combine(root, "images");
        var images = Directory.Exists(imagesFolder) ? ImageFiles.Under(imagesFolder, recursive: true) : ImageFiles.Under(root, recursive: false);
        var parser = new YoloLabelParser(target, names, namesFile);
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relativeImage = ImageFiles.Relative(root, image);
            var where = new InputError("", relativeImage);
            var header = ImageHeader.TryReadFile(image);
            if (header is null)
            {
                yield return new BadRow(where with { Message = "undecodable image: its header is not a PNG, JPEG, GIF, BMP or WebP header" });
                continue;
            }

            var labelFile = LabelFileOf(root, image);
            var regions = new List<Region>();
            var errors = new List<InputError>();
            if (labelFile is not null)
            {
                var relativeLabel = ImageFiles.Relative(root, labelFile);
                using var reader = new StreamReader(labelFile);
                var lineNumber = 0;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    lineNumber++;
                    var parsed = parser.Parse(line, header.Width, header.Height, relativeLabel, lineNumber);
                    if (parsed.Error is not null) errors.Add(parsed.Error);
                    else if (parsed.Region is not null) regions.Add(parsed.Region);
                }
            }
            if (errors.Count > 0)
            {
                foreach (var error in errors) yield return new BadRow(error);
                continue;
            }

            var data = new JsonObject { [target.Field.Value] = relativeImage };
            IReadOnlyList<ImportedAnswer> answers = regions.Count == 0 ? [] : [new ImportedAnswer(regions)];
            yield return new GoodRow(new ImportedItem(data, answers, [], [new FileReference(target.Field.Value, image)], where));
        }
    }

    /// <summary>images/a/b.jpg has its labels in labels/a/b.txt; an image elsewhere in labels/b.txt or b.txt beside it.</summary>
    private static string? LabelFileOf(string root, string image)
    {
        var relative = Path.GetRelativePath(root, image);
        var stem = Path.ChangeExtension(relative, ".txt");
        var parts = stem.Split(Path.DirectorySeparatorChar);
        var candidates = new List<string>();
        if (parts.Length > 1 && parts[0] == "images")
            candidates.Add(Path.Combine(root, "labels", Path.Combine(parts[1..])));
        candidates.Add(Path.Combine(root, "labels", Path.GetFileName(stem)));
        candidates.Add(Path.Combine(Path.GetDirectoryName(image)!, Path.GetFileName(stem)));
        return candidates.FirstOrDefault(File.Exists);
    }
}
