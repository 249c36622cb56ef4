using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Formats.Coco;

/// <summary>Turns COCO JSON elements into records; a wrong field is a <see cref="BadInputException"/> with its JSON path.</summary>
internal sealed class CocoElementParser(string fileName)
{
    public CocoImage Image(JsonElement element, int index)
    {
        var path = $"$.images[{index}]";
        RequireObject(element, path);
        var fileName = element.TryGetProperty("file_name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } text
            ? text
            : throw Bad("file_name is missing or not a string", path, "file_name");
        return new CocoImage(RequiredId(element, path, "id"), fileName, OptionalInt(element, path, "width"), OptionalInt(element, path, "height"), index);
    }

    public CocoCategory Category(JsonElement element, int index)
    {
        var path = $"$.categories[{index}]";
        RequireObject(element, path);
        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Bad("name is missing or not a string", path, "name");
        var keyPoints = new List<string>();
        if (element.TryGetProperty("keypoints", out var k) && k.ValueKind == JsonValueKind.Array)
            keyPoints.AddRange(k.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()));
        return new CocoCategory(RequiredId(element, path, "id"), name, keyPoints);
    }

    /// <summary>The image id of an annotation, which must be readable for its errors to find their image.</summary>
    public long AnnotationImageId(JsonElement element, int index)
    {
        var path = $"$.annotations[{index}]";
        RequireObject(element, path);
        return RequiredId(element, path, "image_id");
    }

    public CocoAnnotation Annotation(JsonElement element, int index)
    {
        var path = $"$.annotations[{index}]";
        long? id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var i) ? i : null;
        var categoryId = RequiredId(element, path, "category_id");
        var isCrowd = element.TryGetProperty("iscrowd", out var crowd) && crowd.ValueKind == JsonValueKind.Number && crowd.GetDouble() != 0;

        double[]? bbox = null;
        if (element.TryGetProperty("bbox", out var box) && box.ValueKind != JsonValueKind.Null)
        {
            bbox = Numbers(box, path, "bbox");
            if (bbox.Length != 4) throw Bad($"bbox has {bbox.Length} numbers, expected 4 ([x, y, width, height])", path, "bbox");
            if (bbox[2] < 0 || bbox[3] < 0) throw Bad("bbox has a negative width or height", path, "bbox");
        }

        var polygons = new List<double[]>();
        var hasMask = false;
        if (element.TryGetProperty("segmentation", out var segmentation))
        {
            if (segmentation.ValueKind == JsonValueKind.Object) hasMask = true; // run-length encoded mask (crowds)
            else if (segmentation.ValueKind == JsonValueKind.Array)
            {
                var part = 0;
                foreach (var polygon in segmentation.EnumerateArray())
                {
                    var points = Numbers(polygon, path, $"segmentation[{part}]");
                    if (points.Length % 2 != 0 || points.Length < 6)
                        throw Bad($"segmentation[{part}] needs an even count of at least 6 numbers (3 points), it has {points.Length}", path, "segmentation");
                    polygons.Add(points);
                    part++;
                }
            }
        }

        double[]? keyPoints = null;
        if (element.TryGetProperty("keypoints", out var k) && k.ValueKind == JsonValueKind.Array)
        {
            keyPoints = Numbers(k, path, "keypoints");
            if (keyPoints.Length % 3 != 0) throw Bad($"keypoints has {keyPoints.Length} numbers, expected [x, y, visibility] triples", path, "keypoints");
        }
        return new CocoAnnotation(index, id, categoryId, isCrowd, hasMask, bbox, polygons, keyPoints);
    }

    private double[] Numbers(JsonElement array, string path, string field)
    {
        if (array.ValueKind != JsonValueKind.Array) throw Bad("expected an array of numbers", path, field);
        var values = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !double.IsFinite(item.GetDouble()))
                throw Bad($"element {i} is not a number", path, field);
            values[i++] = item.GetDouble();
        }
        return values;
    }

    private long RequiredId(JsonElement element, string path, string field)
    {
        if (!element.TryGetProperty(field, out var value)) throw Bad($"{field} is missing", path, field);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
        // Some tools write ids as strings of digits.
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out number)) return number;
        throw Bad($"{field} is not an integer", path, field);
    }

    private int? OptionalInt(JsonElement element, string path, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0) return number;
        throw Bad($"{field} is not a positive integer", path, field);
    }

    private void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Bad("expected an object", path, null);
    }

    private BadInputException Bad(string message, string path, string? field) => new(message, fileName, path: path, field: field);
}
