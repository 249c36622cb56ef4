using System.Text.Json;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Coco;

/// <summary>
/// Writes one COCO instances JSON file. It streams the items twice, first for the images array and then for the
/// annotations array, so memory stays flat whatever the item count. Image ids are item ids; category ids are the
/// schema's labels in order (1-based), followed by any label found in the data that the schema lacks.
/// Boxes (rotated ones as their bounds), polygons (as segmentation) and keypoints (one per annotation) are written
/// in pixels from each item's latest annotation; percent regions of an image whose size is unknown are left out.
/// </summary>
public sealed class CocoWriter : IExportWriter
{
    private const int FlushThreshold = 64 * 1024;

    public string Name => "coco";
    public bool MultiFile => false;
    public string DefaultFileName => "coco.json";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "COCO");
        var categories = new CategoryList(target.Categories);
        await using var stream = sink.Create(DefaultFileName);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = true });

        json.WriteStartObject();
        json.WriteStartArray("images");
        var namer = new ExportImageNamer(target.Field.Value);
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (!HasImage(item, target)) continue;
            var image = namer.Name(item, ExportAnswers.Latest(item));
            json.WriteStartObject();
            json.WriteNumber("id", item.Id);
            json.WriteString("file_name", image.FileName);
            if (image.Width is { } width) json.WriteNumber("width", width);
            if (image.Height is { } height) json.WriteNumber("height", height);
            json.WriteEndObject();
            await FlushIfFullAsync(json, cancellationToken);
        }
        json.WriteEndArray();

        json.WriteStartArray("annotations");
        long annotationId = 0;
        namer = new ExportImageNamer(target.Field.Value);
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (!HasImage(item, target)) continue;
            var regions = ExportAnswers.Latest(item);
            var image = namer.Name(item, regions);
            foreach (var original in regions)
            {
                if (original.ToName != target.Field.Name || original.Labels.Count == 0) continue;
                if (RegionGeometry.ToPixels(original, image.Width, image.Height) is not { } region) continue;
                if (!WriteAnnotation(json, region, ++annotationId, item.Id, categories)) annotationId--;
                await FlushIfFullAsync(json, cancellationToken);
            }
        }
        json.WriteEndArray();

        json.WriteStartArray("categories");
        for (var i = 0; i < categories.Names.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", i + 1);
            json.WriteString("name", categories.Names[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static bool HasImage(ExportItem item, ImageAnnotationSchema target) => item.Data[target.Field.Value] is not null;

    private static bool WriteAnnotation(Utf8JsonWriter json, Region region, long id, long imageId, CategoryList categories)
    {
        var isKeyPoint = region.Type is RegionTypes.KeyPointLabels or RegionTypes.KeyPoint;
        var isPolygon = region.Type is RegionTypes.PolygonLabels or RegionTypes.Polygon;
        var isBox = region.Type is RegionTypes.RectangleLabels or RegionTypes.Rectangle;
        if (!isKeyPoint && !isPolygon && !isBox) return false;
        if (isKeyPoint && (region.X is null || region.Y is null)) return false;
        if (!isKeyPoint && RegionGeometry.Bounds(region) is null) return false;
        if (isPolygon && region.Points is not { Count: >= 3 }) return false;

        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteNumber("image_id", imageId);
        json.WriteNumber("category_id", categories.IdOf(region.Labels[0]));
        var crowd = Numbers.FromNode(region.Extra?["iscrowd"]) is { } flag && flag != 0;
        json.WriteNumber("iscrowd", crowd ? 1 : 0);
        if (isKeyPoint)
        {
            var visibility = Numbers.FromNode(region.Extra?["visibility"]) ?? 2;
            WriteNumbers(json, "bbox", [region.X!.Value, region.Y!.Value, 0, 0]);
            json.WriteNumber("area", 0);
            json.WriteStartArray("segmentation");
            json.WriteEndArray();
            WriteNumbers(json, "keypoints", [region.X.Value, region.Y.Value, visibility]);
            json.WriteNumber("num_keypoints", 1);
        }
        else
        {
            var (minX, minY, maxX, maxY) = RegionGeometry.Bounds(region)!.Value;
            WriteNumbers(json, "bbox", [minX, minY, maxX - minX, maxY - minY]);
            json.WriteNumber("area", isPolygon ? RegionGeometry.PolygonArea(region.Points!) : region.Width!.Value * region.Height!.Value);
            json.WriteStartArray("segmentation");
            if (isPolygon)
            {
                json.WriteStartArray();
                foreach (var point in region.Points!)
                {
                    json.WriteNumberValue(point.X);
                    json.WriteNumberValue(point.Y);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        return true;
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, ReadOnlySpan<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    private static async ValueTask FlushIfFullAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        if (json.BytesPending >= FlushThreshold) await json.FlushAsync(cancellationToken);
    }
}
