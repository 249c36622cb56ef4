using System.Text;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Yolo;

/// <summary>
/// Writes a YOLO dataset: images/&lt;name&gt; copied from the blob store, labels/&lt;stem&gt;.txt per image (empty for
/// an image without boxes, which YOLO reads as background), and classes.txt plus data.yaml with the class names
/// (the schema's labels, then any label found only in the data). Boxes are "class cx cy w h", rotated boxes their
/// axis-aligned bounds, polygons "class x1 y1 ...", all normalised; keypoints have no YOLO detection form and are left out.
/// </summary>
public sealed class YoloWriter : IExportWriter
{
    public string Name => "yolo";
    public bool MultiFile => true;
    public string DefaultFileName => "yolo.zip";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "YOLO");
        var categories = new CategoryList(target.Categories);
        var namer = new ExportImageNamer(target.Field.Value);
        var text = new StringBuilder();
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (item.Data[target.Field.Value] is null) continue;
            var regions = ExportAnswers.Latest(item);
            var image = namer.Name(item, regions);
            text.Clear();
            foreach (var region in regions)
            {
                if (region.ToName == target.Field.Name && region.Labels.Count > 0) AppendLine(text, region, image, categories);
            }
            await WriteTextAsync(sink, $"labels/{image.Stem}.txt", text.ToString(), cancellationToken);
            if (image.Blob is not null)
                await ExportFiles.CopyAsync(image.Blob.LocalPath, sink, $"images/{image.FileName}", cancellationToken);
        }

        await WriteTextAsync(sink, "classes.txt", string.Concat(categories.Names.Select(n => n + "\n")), cancellationToken);
        var yaml = new StringBuilder("path: .\ntrain: images\nval: images\nnames:\n");
        for (var i = 0; i < categories.Names.Count; i++) yaml.Append($"  {i}: '{categories.Names[i].Replace("'", "''")}'\n");
        await WriteTextAsync(sink, "data.yaml", yaml.ToString(), cancellationToken);
    }

    private static void AppendLine(StringBuilder text, Region region, ExportImage image, CategoryList categories)
    {
        if (region.Type is RegionTypes.RectangleLabels or RegionTypes.Rectangle)
        {
            if (NormalisedGeometry.Bounds(region, image.Width, image.Height) is not var (minX, minY, maxX, maxY)) return;
            var (w, h) = (maxX - minX, maxY - minY);
            text.Append(categories.IndexOf(region.Labels[0])).Append(' ')
                .Append(Numbers.Format(minX + w / 2)).Append(' ').Append(Numbers.Format(minY + h / 2)).Append(' ')
                .Append(Numbers.Format(w)).Append(' ').Append(Numbers.Format(h)).Append('\n');
        }
        else if (region.Type is RegionTypes.PolygonLabels or RegionTypes.Polygon)
        {
            if (NormalisedGeometry.Points(region, image.Width, image.Height) is not { Count: >= 3 } points) return;
            text.Append(categories.IndexOf(region.Labels[0]));
            foreach (var point in points) text.Append(' ').Append(Numbers.Format(point.X)).Append(' ').Append(Numbers.Format(point.Y));
            text.Append('\n');
        }
    }

    private static async Task WriteTextAsync(IExportSink sink, string path, string content, CancellationToken cancellationToken)
    {
        await using var stream = sink.Create(path);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
    }
}
