using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Media;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Voc;

/// <summary>
/// Reads a Pascal VOC folder: one XML file per image in Annotations/ (or at the root), images in JPEGImages/
/// (or beside the XML, or at the root). Each object's bndbox becomes a pixel rectangle; difficult, truncated,
/// occluded and pose go to Region.Extra so that an export writes them back.
/// <para>
/// Coordinates: VOC numbers pixels from 1 and its boxes include both end pixels, so a box with xmin=1, xmax=10
/// covers the first ten pixel columns. Laoshi measures from the image's left edge, so that box is x=0, width=10:
/// x = xmin - 1, width = xmax - xmin + 1 (likewise y). <see cref="VocWriter"/> applies the exact inverse.
/// </para>
/// </summary>
public sealed class VocReader : IImportReader
{
    public string Name => "voc";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "Pascal VOC");
        var root = source.Path is not null && Directory.Exists(source.Path)
            ? Path.GetFullPath(source.Path)
            : throw new BadInputException("a Pascal VOC import reads a folder (Annotations/ and JPEGImages/)", source.Name);
        var annotations = Path.Combine(root, "Annotations");
        var xmlFolder = Directory.Exists(annotations) ? annotations : root;

        foreach (var xmlFile in Directory.EnumerateFiles(xmlFolder, "*.xml").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = ImageFiles.Relative(root, xmlFile);
            XDocument? document = null;
            InputError? invalid = null;
            try
            {
                await using var stream = new FileStream(xmlFile, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
                document = await XDocument.LoadAsync(stream, LoadOptions.SetLineInfo, cancellationToken);
            }
            catch (XmlException e)
            {
                invalid = new InputError($"invalid XML: {e.Message}", relative, e.LineNumber);
            }
            if (document is null)
            {
                yield return new BadRow(invalid!);
                continue;
            }
            foreach (var row in ReadDocument(document, relative, xmlFile, root, target)) yield return row;
        }
    }

    private static IEnumerable<ImportRow> ReadDocument(XDocument document, string file, string xmlFile, string root, ImageAnnotationSchema target)
    {
        var errors = new List<InputError>();
        InputError Error(XObject? at, string message, string? field = null) =>
            new(message, file, at is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null, Field: field);

        var annotation = document.Root;
        if (annotation?.Name.LocalName != "annotation")
        {
            yield return new BadRow(Error(annotation, "the root element is not <annotation>"));
            yield break;
        }
        var fileName = annotation.Element("filename")?.Value.Trim();
        if (string.IsNullOrEmpty(fileName))
        {
            yield return new BadRow(Error(annotation, "<filename> is missing", "filename"));
            yield break;
        }
        var imagePath = new[]
            {
                Path.Combine(root, "JPEGImages", fileName),
                Path.Combine(Path.GetDirectoryName(xmlFile)!, fileName),
                Path.Combine(root, fileName),
                Path.Combine(root, "images", fileName),
            }
            .FirstOrDefault(File.Exists);
        if (imagePath is null)
        {
            yield return new BadRow(Error(annotation.Element("filename"), $"image '{fileName}' not found in JPEGImages/, beside the XML or at the root", "filename"));
            yield break;
        }

        var size = annotation.Element("size");
        int? width = PositiveInt(size?.Element("width")), height = PositiveInt(size?.Element("height"));
        if ((width is null || height is null) && ImageHeader.TryReadFile(imagePath) is { } header)
            (width, height) = (header.Width, header.Height);

        var regions = new List<Region>();
        var index = 0;
        foreach (var obj in annotation.Elements("object"))
        {
            index++;
            var name = obj.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(Error(obj, "<object> has no <name>", "name"));
                continue;
            }
            if (target.Rectangles is not { } control)
            {
                errors.Add(Error(obj, "a box, but the schema has no rectanglelabels control", "bndbox"));
                continue;
            }
            if (!ImageAnnotationSchema.HasLabel(control, name))
            {
                errors.Add(Error(obj.Element("name"), $"label '{name}' is not a label of control '{control.Name}'", "name"));
                continue;
            }
            var box = obj.Element("bndbox");
            var corners = new double[4];
            string[] cornerNames = ["xmin", "ymin", "xmax", "ymax"];
            var ok = box is not null;
            if (box is null) errors.Add(Error(obj, "<object> has no <bndbox>", "bndbox"));
            for (var i = 0; ok && i < 4; i++)
            {
                var element = box!.Element(cornerNames[i]);
                if (element is null || !Numbers.TryParse(element.Value.Trim(), out corners[i]))
                {
                    errors.Add(Error(element ?? (XObject)box, $"<{cornerNames[i]}> is missing or not a number", cornerNames[i]));
                    ok = false;
                }
            }
            if (!ok) continue;
            // Inclusive corners: xmax = xmin - 1 is a box of width 0, anything smaller is upside down.
            if (corners[2] - corners[0] + 1 < 0 || corners[3] - corners[1] + 1 < 0)
            {
                errors.Add(Error(box, "xmax is before xmin, or ymax before ymin", "bndbox"));
                continue;
            }

            var extra = new JsonObject();
            foreach (var flag in new[] { "difficult", "truncated", "occluded" })
            {
                if (obj.Element(flag)?.Value.Trim() is { Length: > 0 } text && Numbers.TryParse(text, out var value)) extra[flag] = value;
            }
            if (obj.Element("pose")?.Value.Trim() is { Length: > 0 } pose) extra["pose"] = pose;

            regions.Add(new Region
            {
                Id = $"o{index}",
                FromName = control.Name,
                ToName = target.Field.Name,
                Type = RegionTypes.RectangleLabels,
                Labels = [name],
                X = corners[0] - 1,
                Y = corners[1] - 1,
                Width = corners[2] - corners[0] + 1,
                Height = corners[3] - corners[1] + 1,
                OriginalWidth = width,
                OriginalHeight = height,
                Units = CoordinateUnits.Pixels,
                Extra = extra.Count == 0 ? null : extra,
            });
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors) yield return new BadRow(error);
            yield break;
        }
        var data = new JsonObject { [target.Field.Value] = ImageFiles.Relative(root, imagePath) };
        IReadOnlyList<ImportedAnswer> answers = regions.Count == 0 ? [] : [new ImportedAnswer(regions)];
        yield return new GoodRow(new ImportedItem(data, answers, [], [new FileReference(target.Field.Value, imagePath)], new InputError("", file)));
    }

    private static int? PositiveInt(XElement? element) =>
        element is not null && int.TryParse(element.Value.Trim(), out var value) && value > 0 ? value : null;
}
