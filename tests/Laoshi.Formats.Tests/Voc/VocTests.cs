using System.Xml.Linq;
using Laoshi.Formats.Sinks;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using Laoshi.Formats.Voc;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Voc;

public sealed class VocTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Export_writes_one_based_inclusive_corners_and_import_reads_them_back_exactly()
    {
        var a = TestImages.Write(folder.File("blobs/a.jpg"), 200, 100, SkiaSharp.SKEncodedImageFormat.Jpeg);
        var box = Box("cat", 0, 0, 10, 20, 200, 100) with { Extra = new System.Text.Json.Nodes.JsonObject { ["difficult"] = 1 } };
        var odd = Box("dog", 33.333333333, 12.5, 0.75, 60.125, 200, 100);
        var output = Path.Combine(folder.Path, "voc");

        await new VocWriter().WriteAsync(Stream([ExportImage(1, a, 200, 100, box, odd)]), DetectionSchema(), new DirectorySink(output), Cancel);

        var xml = XDocument.Load(Path.Combine(output, "Annotations", "a.xml"));
        Assert.Equal("a.jpg", xml.Root!.Element("filename")!.Value);
        var first = xml.Root.Elements("object").First();
        Assert.Equal(["1", "1", "10", "20"], new[] { "xmin", "ymin", "xmax", "ymax" }.Select(n => first.Element("bndbox")!.Element(n)!.Value));
        Assert.Equal("1", first.Element("difficult")!.Value);
        Assert.True(File.Exists(Path.Combine(output, "JPEGImages", "a.jpg")));

        var rows = await ReadAllAsync(new VocReader(), new ImportSource("voc", output), DetectionSchema());

        Assert.Empty(Errors(rows));
        var item = Items(rows).Single();
        Assert.Equal("JPEGImages/a.jpg", item.Data["image"]!.GetValue<string>());
        var regions = item.Annotations.Single().Result;
        foreach (var (expected, actual) in new[] { box, odd }.Zip(regions))
        {
            Assert.Equal(expected.Labels, actual.Labels);
            Assert.Equal(expected.X!.Value, actual.X!.Value, 1e-9);
            Assert.Equal(expected.Y!.Value, actual.Y!.Value, 1e-9);
            Assert.Equal(expected.Width!.Value, actual.Width!.Value, 1e-9);
            Assert.Equal(expected.Height!.Value, actual.Height!.Value, 1e-9);
            Assert.Equal((200, 100), (actual.OriginalWidth, actual.OriginalHeight));
        }
        Assert.Equal(1, regions[0].Extra!["difficult"]!.GetValue<double>());
        Assert.Equal(0, regions[1].Extra!["truncated"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_label_outside_the_schema_is_an_error_with_file_and_line()
    {
        TestImages.Write(folder.File("voc/JPEGImages/x.jpg"), 20, 10, SkiaSharp.SKEncodedImageFormat.Jpeg);
        await File.WriteAllTextAsync(folder.File("voc/Annotations/x.xml"), """
            <annotation>
              <filename>x.jpg</filename>
              <size><width>20</width><height>10</height><depth>3</depth></size>
              <object>
                <name>sofa</name>
                <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox>
              </object>
              <object>
                <name>cat</name>
                <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>five</xmax><ymax>5</ymax></bndbox>
              </object>
            </annotation>
            """, Cancel);

        var rows = await ReadAllAsync(new VocReader(), new ImportSource("voc", Path.Combine(folder.Path, "voc")), DetectionSchema());

        Assert.Empty(Items(rows));
        var errors = Errors(rows);
        Assert.Equal([("Annotations/x.xml", 5L, "name"), ("Annotations/x.xml", 10L, "xmax")], errors.Select(e => (e.File!, e.Line!.Value, e.Field!)));
        Assert.Contains("'sofa'", errors[0].Message);
    }
}
