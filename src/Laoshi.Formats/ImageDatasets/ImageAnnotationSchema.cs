using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>
/// The part of a project schema that the detection formats (COCO, YOLO, VOC) speak to: one image field and
/// the box, polygon and keypoint controls drawn on it, with their labels as the category list.
/// </summary>
internal sealed record ImageAnnotationSchema(
    SchemaField Field,
    SchemaControl? Rectangles,
    SchemaControl? Polygons,
    SchemaControl? KeyPoints,
    IReadOnlyList<string> Categories)
{
    /// <summary>Finds the controls; a schema without any box, polygon or keypoint control on an image field cannot take the format.</summary>
    public static ImageAnnotationSchema Resolve(ProjectSchema schema, string formatName)
    {
        var imageFields = schema.Fields.Where(f => f.Kind == FieldKind.Image).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        SchemaControl? First(string type, string? toName) => schema.Controls.FirstOrDefault(c =>
            c.Type == type && imageFields.Contains(c.ToName) && (toName is null || c.ToName == toName));

        var anchor = First(RegionTypes.RectangleLabels, null) ?? First(RegionTypes.PolygonLabels, null) ?? First(RegionTypes.KeyPointLabels, null)
            ?? throw new BadInputException(
                $"the project schema has no rectanglelabels, polygonlabels or keypointlabels control on an image field, so it cannot take {formatName} annotations",
                field: "schema");
        var field = schema.Field(anchor.ToName)!;
        var rectangles = First(RegionTypes.RectangleLabels, field.Name);
        var polygons = First(RegionTypes.PolygonLabels, field.Name);
        var keyPoints = First(RegionTypes.KeyPointLabels, field.Name);
        var categories = new[] { rectangles, polygons, keyPoints }
            .Where(c => c is not null)
            .SelectMany(c => c!.Labels.Select(l => l.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ImageAnnotationSchema(field, rectangles, polygons, keyPoints, categories);
    }

    public static bool HasLabel(SchemaControl control, string label) =>
        control.Labels.Any(l => l.Value == label);
}
