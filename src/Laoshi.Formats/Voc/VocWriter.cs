using System.Text;
using System.Xml;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Voc;

/// <summary>
/// Writes a Pascal VOC folder: Annotations/&lt;stem&gt;.xml per image and JPEGImages/&lt;name&gt; copied from the blob store.
/// Boxes are written with VOC's 1-based inclusive corners, the exact inverse of <see cref="VocReader"/>:
/// xmin = x + 1, xmax = x + width (likewise y). VOC has only boxes: rotated boxes and polygons are written as their
/// axis-aligned bounds, keypoints are left out. difficult/truncated/occluded/pose come from Region.Extra (default 0).
/// </summary>
public sealed class VocWriter : IExportWriter
{
    public string Name => "voc";
    public bool MultiFile => true;
    public string DefaultFileName => "voc.zip";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "Pascal VOC");
        var namer = new ExportImageNamer(target.Field.Value);
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (item.Data[target.Field.Value] is null) continue;
            var regions = ExportAnswers.Latest(item);
            var image = namer.Name(item, regions);
            await using (var stream = sink.Create($"Annotations/{image.Stem}.xml"))
                await WriteXmlAsync(stream, image, regions.Where(r => r.ToName == target.Field.Name && r.Labels.Count > 0), cancellationToken);
            if (image.Blob is not null)
                await ExportFiles.CopyAsync(image.Blob.LocalPath, sink, $"JPEGImages/{image.FileName}", cancellationToken);
        }
    }

    private static async Task WriteXmlAsync(Stream stream, ExportImage image, IEnumerable<Region> regions, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };
        await using var xml = XmlWriter.Create(stream, settings);
        await xml.WriteStartElementAsync(null, "annotation", null);
        await xml.WriteElementStringAsync(null, "folder", null, "JPEGImages");
        await xml.WriteElementStringAsync(null, "filename", null, image.FileName);
        if (image.Width is { } width && image.Height is { } height)
        {
            await xml.WriteStartElementAsync(null, "size", null);
            await xml.WriteElementStringAsync(null, "width", null, width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await xml.WriteElementStringAsync(null, "height", null, height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await xml.WriteElementStringAsync(null, "depth", null, "3");
            await xml.WriteEndElementAsync();
        }
        await xml.WriteElementStringAsync(null, "segmented", null, "0");
        foreach (var original in regions)
        {
            if (original.Type is not (RegionTypes.RectangleLabels or RegionTypes.Rectangle or RegionTypes.PolygonLabels or RegionTypes.Polygon)) continue;
            if (RegionGeometry.ToPixels(original, image.Width, image.Height) is not { } region || RegionGeometry.Bounds(region) is not var (minX, minY, maxX, maxY))
                continue;
            await xml.WriteStartElementAsync(null, "object", null);
            await xml.WriteElementStringAsync(null, "name", null, region.Labels[0]);
            await xml.WriteElementStringAsync(null, "pose", null, Flag(region, "pose") ?? "Unspecified");
            foreach (var flag in new[] { "truncated", "difficult", "occluded" })
            {
                var value = Flag(region, flag);
                if (value is not null || flag != "occluded") await xml.WriteElementStringAsync(null, flag, null, value ?? "0");
            }
            await xml.WriteStartElementAsync(null, "bndbox", null);
            await xml.WriteElementStringAsync(null, "xmin", null, Numbers.Format(minX + 1));
            await xml.WriteElementStringAsync(null, "ymin", null, Numbers.Format(minY + 1));
            await xml.WriteElementStringAsync(null, "xmax", null, Numbers.Format(maxX));
            await xml.WriteElementStringAsync(null, "ymax", null, Numbers.Format(maxY));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.FlushAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static string? Flag(Region region, string name) => region.Extra?[name] switch
    {
        null => null,
        var node when Numbers.FromNode(node) is { } number => Numbers.Format(number),
        var node => node.ToString(),
    };
}
