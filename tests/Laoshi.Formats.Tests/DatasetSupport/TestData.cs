using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.Tests.DatasetSupport;

public static class TestData
{
    /// <summary>An image project with boxes, polygons and keypoints on one image field, as a detection project has.</summary>
    public static ProjectSchema DetectionSchema() => new(
        [new SchemaField("image", FieldKind.Image, "image")],
        [
            new SchemaControl("label", RegionTypes.RectangleLabels, "image", [new SchemaLabel("cat"), new SchemaLabel("dog")]),
            new SchemaControl("outline", RegionTypes.PolygonLabels, "image", [new SchemaLabel("cat"), new SchemaLabel("dog")]),
            new SchemaControl("points", RegionTypes.KeyPointLabels, "image", [new SchemaLabel("nose"), new SchemaLabel("tail")]),
        ]);

    public static ProjectSchema MixedSchema() => new(
        [
            new SchemaField("image", FieldKind.Image, "image"),
            new SchemaField("audio", FieldKind.Audio, "audio"),
            new SchemaField("text", FieldKind.Text, "text"),
        ],
        []);

    public static async Task<List<ImportRow>> ReadAllAsync(IImportReader reader, ImportSource source, ProjectSchema schema)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadAsync(source, schema, TestContext.Current.CancellationToken)) rows.Add(row);
        return rows;
    }

    public static List<ImportedItem> Items(IEnumerable<ImportRow> rows) => rows.OfType<GoodRow>().Select(r => r.Item).ToList();

    public static List<InputError> Errors(IEnumerable<ImportRow> rows) => rows.OfType<BadRow>().Select(r => r.Error).ToList();

    public static Region Box(string label, double x, double y, double width, double height, int imageWidth, int imageHeight, double? rotation = null) => new()
    {
        Id = Guid.NewGuid().ToString("N")[..8],
        FromName = "label",
        ToName = "image",
        Type = RegionTypes.RectangleLabels,
        Labels = [label],
        X = x, Y = y, Width = width, Height = height, Rotation = rotation,
        OriginalWidth = imageWidth, OriginalHeight = imageHeight,
    };

    public static Region Polygon(string label, int imageWidth, int imageHeight, params (double X, double Y)[] points) => new()
    {
        Id = Guid.NewGuid().ToString("N")[..8],
        FromName = "outline",
        ToName = "image",
        Type = RegionTypes.PolygonLabels,
        Labels = [label],
        Points = points.Select(p => new Point2(p.X, p.Y)).ToList(),
        OriginalWidth = imageWidth, OriginalHeight = imageHeight,
    };

    /// <summary>An export item for an image file, as the storage layer would hand it over, with one annotation.</summary>
    public static ExportItem ExportImage(long id, string imagePath, int width, int height, params Region[] regions)
    {
        var name = Path.GetFileName(imagePath);
        var blob = new BlobInfo(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(imagePath))).ToLowerInvariant(),
            name.EndsWith(".png") ? "image/png" : "image/jpeg", new FileInfo(imagePath).Length, imagePath, name, width, height);
        var answer = new ExportedAnswer(id * 10, 1, regions, DateTimeOffset.UnixEpoch.AddDays(id));
        return new ExportItem(id, new JsonObject { ["image"] = $"/data/blobs/{blob.Hash}" }, [answer], [], new Dictionary<string, BlobInfo> { ["image"] = blob });
    }

    /// <summary>Turns imported items into export items, the way a project would after storing them.</summary>
    public static List<ExportItem> ToExport(IEnumerable<ImportedItem> items)
    {
        var result = new List<ExportItem>();
        long id = 1;
        foreach (var item in items)
        {
            var file = item.Files.Single(f => f.DataKey == "image").Path;
            var header = Laoshi.Formats.Media.ImageHeader.TryReadFile(file)!;
            var regions = item.Annotations.SelectMany(a => a.Result).ToArray();
            result.Add(ExportImage(id++, file, header.Width, header.Height, regions));
        }
        return result;
    }

    public static Func<IAsyncEnumerable<ExportItem>> Stream(IReadOnlyList<ExportItem> items) => () => Enumerate(items);

    private static async IAsyncEnumerable<ExportItem> Enumerate(IReadOnlyList<ExportItem> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
