using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Media;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Coco;

/// <summary>Builds one item from a COCO image and its annotations, or the bad rows that say why it cannot be imported.</summary>
internal sealed class CocoItemBuilder(
    ImageAnnotationSchema target,
    IReadOnlyDictionary<long, CocoCategory> categories,
    string fileName,
    string? baseDirectory,
    CocoReaderOptions options)
{
    public IEnumerable<ImportRow> Build(CocoImage image, IReadOnlyList<object> records)
    {
        var imagePath = $"$.images[{image.Index}]";
        var errors = new List<InputError>();
        var reports = new List<InputError>();
        var files = new List<FileReference>();
        int? width = image.Width, height = image.Height;

        if (!IsUrl(image.FileName) && baseDirectory is not null)
        {
            var found = Resolve(image.FileName);
            if (found is null)
                errors.Add(new InputError($"image file not found: '{image.FileName}' (looked in {baseDirectory} and its images/ folder)", fileName, Path: imagePath, Field: "file_name"));
            else
            {
                files.Add(new FileReference(target.Field.Value, found));
                if ((width is null || height is null) && ImageHeader.TryReadFile(found) is { } header)
                    (width, height) = (header.Width, header.Height);
            }
        }

        var regions = new List<Region>();
        foreach (var record in records)
        {
            if (record is InputError error)
            {
                errors.Add(error);
                continue;
            }
            var annotation = (CocoAnnotation)record;
            var path = $"$.annotations[{annotation.Index}]";
            if (!categories.TryGetValue(annotation.CategoryId, out var category))
            {
                errors.Add(new InputError($"category_id {annotation.CategoryId} is not in categories", fileName, Path: path, Field: "category_id"));
                continue;
            }
            AddRegions(annotation, category, path, width, height, regions, errors, reports);
        }

        foreach (var report in reports) yield return new BadRow(report);
        if (errors.Count > 0)
        {
            foreach (var error in errors) yield return new BadRow(error);
            yield break;
        }

        var data = new JsonObject { [target.Field.Value] = image.FileName };
        IReadOnlyList<ImportedAnswer> answers = regions.Count == 0 ? [] : [new ImportedAnswer(regions)];
        yield return new GoodRow(new ImportedItem(data, answers, [], files, new InputError("", fileName, Path: imagePath)));
    }

    private void AddRegions(CocoAnnotation annotation, CocoCategory category, string path, int? width, int? height,
        List<Region> regions, List<InputError> errors, List<InputError> reports)
    {
        var id = annotation.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"a{annotation.Index}";
        var hasKeyPoints = annotation.KeyPoints is { Length: > 0 } && annotation.KeyPoints.Where((_, i) => i % 3 == 2).Any(v => v > 0);
        var used = false;

        if (target.Polygons is { } polygonControl && annotation.Polygons.Count > 0)
        {
            if (!Accepts(polygonControl, category.Name, path, errors)) return;
            for (var part = 0; part < annotation.Polygons.Count; part++)
            {
                var flat = annotation.Polygons[part];
                var points = new Point2[flat.Length / 2];
                for (var p = 0; p < points.Length; p++) points[p] = new Point2(flat[2 * p], flat[2 * p + 1]);
                regions.Add(Region(polygonControl.Name, annotation.Polygons.Count == 1 ? id : $"{id}-{part}", RegionTypes.PolygonLabels, category.Name, width, height) with { Points = points });
            }
            used = true;
        }
        else if (annotation.HasMask && options.CrowdMasks == CrowdMaskHandling.Skip)
        {
            reports.Add(new InputError("crowd annotation with a run-length mask was not imported (CrowdMasks = Skip)", fileName, Path: path, Field: "segmentation"));
            return;
        }
        else if (annotation.Bbox is { } box && (box[2] > 0 && box[3] > 0 || !hasKeyPoints))
        {
            if (target.Rectangles is not { } rectangleControl)
            {
                errors.Add(new InputError("the annotation is a box, but the schema has no rectanglelabels control on the image", fileName, Path: path, Field: "bbox"));
                return;
            }
            if (!Accepts(rectangleControl, category.Name, path, errors)) return;
            regions.Add(Region(rectangleControl.Name, id, RegionTypes.RectangleLabels, category.Name, width, height) with
            {
                X = box[0], Y = box[1], Width = box[2], Height = box[3],
                Extra = annotation.IsCrowd ? new JsonObject { ["iscrowd"] = 1 } : null,
            });
            used = true;
        }

        if (hasKeyPoints && target.KeyPoints is { } keyPointControl)
        {
            var values = annotation.KeyPoints!;
            for (var k = 0; k < values.Length / 3; k++)
            {
                var visibility = values[3 * k + 2];
                if (visibility <= 0) continue; // 0: not labelled
                var label = k < category.KeyPointNames.Count && ImageAnnotationSchema.HasLabel(keyPointControl, category.KeyPointNames[k])
                    ? category.KeyPointNames[k]
                    : category.Name;
                if (!Accepts(keyPointControl, label, path, errors)) return;
                regions.Add(Region(keyPointControl.Name, $"{id}-kp{k}", RegionTypes.KeyPointLabels, label, width, height) with
                {
                    X = values[3 * k], Y = values[3 * k + 1],
                    Extra = new JsonObject { ["visibility"] = visibility },
                });
            }
            used = true;
        }

        if (!used)
            errors.Add(new InputError("the annotation has no bbox, segmentation or keypoints that the schema's controls can take", fileName, Path: path));
    }

    private bool Accepts(Laoshi.Core.Schema.SchemaControl control, string label, string path, List<InputError> errors)
    {
        if (ImageAnnotationSchema.HasLabel(control, label)) return true;
        errors.Add(new InputError($"label '{label}' is not a label of control '{control.Name}'", fileName, Path: path, Field: "category_id"));
        return false;
    }

    private Region Region(string control, string id, string type, string label, int? width, int? height) => new()
    {
        Id = id,
        FromName = control,
        ToName = target.Field.Name,
        Type = type,
        Labels = [label],
        OriginalWidth = width,
        OriginalHeight = height,
        Units = CoordinateUnits.Pixels,
    };

    private string? Resolve(string name)
    {
        var relative = name.Replace('\\', '/').TrimStart('/');
        string[] candidates = Path.IsPathRooted(name)
            ? [name]
            : [Path.Combine(baseDirectory!, relative), Path.Combine(baseDirectory!, "images", relative), Path.Combine(baseDirectory!, "images", Path.GetFileName(relative))];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    private static bool IsUrl(string name) =>
        name.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || name.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
