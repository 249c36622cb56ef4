using System.Text.Json;
using Laoshi.Core.Regions;
using Laoshi.Formats.Coco;
using Laoshi.Formats.Sinks;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Coco;

public sealed class CocoRoundTripTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Import_export_import_keeps_every_coordinate()
    {
        var cancel = TestContext.Current.CancellationToken;
        var a = TestImages.Write(folder.File("in/a.png"), 640, 480);
        var b = TestImages.Write(folder.File("in/b.jpg"), 320, 200, SkiaSharp.SKEncodedImageFormat.Jpeg);
        var items = new[]
        {
            ExportImage(1, a, 640, 480,
                Box("cat", 10.123456789, 20.987654321, 100.5, 50.25, 640, 480),
                Polygon("dog", 640, 480, (1.1, 2.2), (300.3, 4.4), (150.15, 400.4)),
                new Region { Id = "k", FromName = "points", ToName = "image", Type = RegionTypes.KeyPointLabels, Labels = ["nose"], X = 33.3, Y = 44.4, OriginalWidth = 640, OriginalHeight = 480 }),
            ExportImage(2, b, 320, 200, Box("dog", 0, 0, 320, 200, 320, 200)),
        };
        var exported = folder.File("out/coco.json");

        await using (var file = File.Create(exported))
            await new CocoWriter().WriteAsync(Stream(items), DetectionSchema(), new SingleFileSink(file), cancel);
        // The exported file names the images; put them where the reader looks (beside the JSON, in images/).
        File.Copy(a, folder.File("out/images/a.png"));
        File.Copy(b, folder.File("out/images/b.jpg"));
        var first = Items(await ReadAllAsync(new CocoReader(), new ImportSource("coco.json", exported), DetectionSchema()));

        var again = folder.File("again/coco.json");
        await using (var file = File.Create(again))
            await new CocoWriter().WriteAsync(Stream(ToExport(first)), DetectionSchema(), new SingleFileSink(file), cancel);
        File.Copy(a, folder.File("again/a.png"));
        File.Copy(b, folder.File("again/b.jpg"));
        var second = Items(await ReadAllAsync(new CocoReader(), new ImportSource("coco.json", again), DetectionSchema()));

        foreach (var imported in new[] { first, second })
        {
            Assert.Equal(2, imported.Count);
            var regions = imported[0].Annotations.Single().Result;
            AssertSameGeometry(items[0].Annotations[0].Result[0], regions.Single(r => r.Type == RegionTypes.RectangleLabels));
            AssertSameGeometry(items[0].Annotations[0].Result[1], regions.Single(r => r.Type == RegionTypes.PolygonLabels));
            var keyPoint = regions.Single(r => r.Type == RegionTypes.KeyPointLabels);
            Assert.Equal(("points", "nose", 33.3, 44.4), (keyPoint.FromName, keyPoint.Labels.Single(), keyPoint.X!.Value, keyPoint.Y!.Value));
            AssertSameGeometry(items[1].Annotations[0].Result[0], imported[1].Annotations.Single().Result.Single());
        }
    }

    [Fact]
    public async Task The_export_lists_images_annotations_and_categories_in_schema_order()
    {
        var a = TestImages.Write(folder.File("a.png"), 100, 100);
        var rotated = Box("dog", 10, 10, 20, 10, 100, 100, rotation: 90);
        var stream = new MemoryStream();

        await new CocoWriter().WriteAsync(Stream([ExportImage(7, a, 100, 100, rotated)]), DetectionSchema(), new SingleFileSink(stream), TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        var image = root.GetProperty("images")[0];
        Assert.Equal((7, "a.png", 100, 100), (image.GetProperty("id").GetInt32(), image.GetProperty("file_name").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        Assert.Equal(["cat", "dog", "nose", "tail"], root.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var annotation = root.GetProperty("annotations")[0];
        Assert.Equal(2, annotation.GetProperty("category_id").GetInt32());
        // Turned 90 degrees clockwise about its top-left corner, the 20 x 10 box covers x 0..10, y 10..30.
        var bbox = annotation.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([0, 10, 10, 20], bbox.Select(v => Math.Round(v, 9)));
    }

    private static void AssertSameGeometry(Region expected, Region actual)
    {
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Type, actual.Type);
        if (expected.Points is null)
        {
            Assert.Null(actual.Points);
            Assert.Equal(expected.X!.Value, actual.X!.Value, 1e-9);
            Assert.Equal(expected.Y!.Value, actual.Y!.Value, 1e-9);
            Assert.Equal(expected.Width!.Value, actual.Width!.Value, 1e-9);
            Assert.Equal(expected.Height!.Value, actual.Height!.Value, 1e-9);
        }
        else
        {
            Assert.Equal(expected.Points.Count, actual.Points!.Count);
            for (var i = 0; i < expected.Points.Count; i++)
            {
                Assert.Equal(expected.Points[i].X, actual.Points[i].X, 1e-9);
                Assert.Equal(expected.Points[i].Y, actual.Points[i].Y, 1e-9);
            }
        }
        Assert.Equal((expected.OriginalWidth, expected.OriginalHeight), (actual.OriginalWidth, actual.OriginalHeight));
    }
}
