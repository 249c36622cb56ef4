using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Formats.Sinks;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using Laoshi.Formats.Yolo;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Yolo;

public sealed class YoloTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Export_then_import_gives_back_boxes_and_polygons_in_pixels()
    {
        var a = TestImages.Write(folder.File("blobs/a.png"), 640, 480);
        var b = TestImages.Write(folder.File("blobs/b.jpg"), 300, 200, SkiaSharp.SKEncodedImageFormat.Jpeg);
        var box = Box("dog", 12.345, 67.891, 100.25, 50.125, 640, 480);
        var polygon = Polygon("cat", 640, 480, (1.5, 2.5), (600.25, 3.75), (320, 479));
        var items = new[] { ExportImage(1, a, 640, 480, box, polygon), ExportImage(2, b, 300, 200) };
        var output = Path.Combine(folder.Path, "yolo");

        await new YoloWriter().WriteAsync(Stream(items), DetectionSchema(), new DirectorySink(output), Cancel);
        var rows = await ReadAllAsync(new YoloReader(), new ImportSource("yolo", output), DetectionSchema());

        Assert.Equal(["cat", "dog", "nose", "tail"], await File.ReadAllLinesAsync(Path.Combine(output, "classes.txt"), Cancel));
        Assert.True(File.Exists(Path.Combine(output, "images", "b.jpg")));
        Assert.Equal("", await File.ReadAllTextAsync(Path.Combine(output, "labels", "b.txt"), Cancel));
        Assert.Empty(Errors(rows));
        var imported = Items(rows);
        Assert.Equal(["images/a.png", "images/b.jpg"], imported.Select(i => i.Data["image"]!.GetValue<string>()));
        var regions = imported[0].Annotations.Single().Result;
        var readBox = regions.Single(r => r.Type == RegionTypes.RectangleLabels);
        Assert.Equal(("label", "dog"), (readBox.FromName, readBox.Labels.Single()));
        Assert.Equal(box.X!.Value, readBox.X!.Value, 1e-9);
        Assert.Equal(box.Y!.Value, readBox.Y!.Value, 1e-9);
        Assert.Equal(box.Width!.Value, readBox.Width!.Value, 1e-9);
        Assert.Equal(box.Height!.Value, readBox.Height!.Value, 1e-9);
        var readPolygon = regions.Single(r => r.Type == RegionTypes.PolygonLabels);
        Assert.Equal("outline", readPolygon.FromName);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(polygon.Points![i].X, readPolygon.Points![i].X, 1e-9);
            Assert.Equal(polygon.Points[i].Y, readPolygon.Points[i].Y, 1e-9);
        }
        Assert.Empty(imported[1].Annotations);
    }

    [Fact]
    public async Task Rotated_boxes_are_exported_as_their_axis_aligned_bounds()
    {
        var a = TestImages.Write(folder.File("blobs/a.png"), 100, 100);
        var output = Path.Combine(folder.Path, "yolo");

        await new YoloWriter().WriteAsync(Stream([ExportImage(1, a, 100, 100, Box("cat", 50, 50, 20, 10, 100, 100, rotation: 90))]),
            DetectionSchema(), new DirectorySink(output), Cancel);

        // Turned about (50, 50): x 40..50, y 50..70, so centre (45, 60), size 10 x 20.
        var numbers = (await File.ReadAllTextAsync(Path.Combine(output, "labels", "a.txt"), Cancel)).Split(' ').Select(double.Parse).ToArray();
        Assert.Equal([0, 0.45, 0.6, 0.1, 0.2], numbers.Select(n => Math.Round(n, 9)));
    }

    [Fact]
    public async Task A_bad_label_line_is_an_error_naming_the_label_file_and_line()
    {
        TestImages.Write(folder.File("data/images/train/x.png"), 20, 10);
        await File.WriteAllTextAsync(folder.File("data/classes.txt"), "cat\ndog\n", Cancel);
        await File.WriteAllTextAsync(folder.File("data/labels/train/x.txt"), "0 0.5 0.5 0.2 0.2\n1 0.5 oops 0.2 0.2\n5 0.5 0.5 0.1 0.1\n0 12 30 4 4\n", Cancel);

        var rows = await ReadAllAsync(new YoloReader(), new ImportSource("data", Path.Combine(folder.Path, "data")), DetectionSchema());

        Assert.Empty(Items(rows));
        var errors = Errors(rows);
        Assert.Equal([("labels/train/x.txt", 2L), ("labels/train/x.txt", 3L), ("labels/train/x.txt", 4L)], errors.Select(e => (e.File!, e.Line!.Value)));
        Assert.Contains("'oops' is not a number", errors[0].Message);
        Assert.Contains("class 5", errors[1].Message);
        Assert.Contains("not normalised", errors[2].Message);
        Assert.StartsWith("labels/train/x.txt, line 2", errors[0].ToString());
    }

    [Theory]
    [InlineData("names: [cat, 'dog']\n")]
    [InlineData("path: ../data\nnames:\n  - cat\n  - \"dog\"  # the second class\nnc: 2\n")]
    [InlineData("names:\n  1: dog\n  0: cat\n")]
    public async Task Class_names_come_from_the_simple_forms_of_data_yaml(string yaml)
    {
        TestImages.Write(folder.File("data/images/x.png"), 20, 10);
        await File.WriteAllTextAsync(folder.File("data/data.yaml"), yaml, Cancel);
        await File.WriteAllTextAsync(folder.File("data/labels/x.txt"), "1 0.5 0.5 0.5 0.5\n0 0.25 0.25 0.5 0.5\n", Cancel);

        var rows = await ReadAllAsync(new YoloReader(), new ImportSource("data", Path.Combine(folder.Path, "data")), DetectionSchema());

        Assert.Empty(Errors(rows));
        var regions = Items(rows).Single().Annotations.Single().Result;
        Assert.Equal(["dog", "cat"], regions.Select(r => r.Labels.Single()));
        Assert.Equal((5.0, 2.5, 10.0, 5.0), (regions[0].X, regions[0].Y, regions[0].Width, regions[0].Height));
    }

    [Fact]
    public async Task A_folder_without_class_names_is_refused()
    {
        TestImages.Write(folder.File("data/images/x.png"), 20, 10);

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            ReadAllAsync(new YoloReader(), new ImportSource("data", Path.Combine(folder.Path, "data")), DetectionSchema()));

        Assert.Contains("classes.txt", error.Message);
    }
}
