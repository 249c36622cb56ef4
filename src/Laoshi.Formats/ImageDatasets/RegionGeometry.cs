using Laoshi.Core.Regions;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>Pixel geometry of image regions as the detection formats need it: bounds, polygon area, units.</summary>
internal static class RegionGeometry
{
    /// <summary>
    /// The region in pixels. Percent regions need the image size (the region's own original size wins);
    /// null when it is unknown.
    /// </summary>
    public static Region? ToPixels(Region region, int? imageWidth, int? imageHeight)
    {
        if (region.Units == CoordinateUnits.Pixels) return region;
        var width = region.OriginalWidth ?? imageWidth;
        var height = region.OriginalHeight ?? imageHeight;
        if (width is null || height is null) return null;
        double sx = width.Value / 100.0, sy = height.Value / 100.0;
        return region with
        {
            X = region.X * sx,
            Y = region.Y * sy,
            Width = region.Type is RegionTypes.KeyPoint or RegionTypes.KeyPointLabels ? region.Width : region.Width * sx,
            Height = region.Height * sy,
            Points = region.Points?.Select(p => new Point2(p.X * sx, p.Y * sy)).ToList(),
            OriginalWidth = width,
            OriginalHeight = height,
            Units = CoordinateUnits.Pixels,
        };
    }

    /// <summary>The four corners of a box, turned clockwise about its top-left corner as Label Studio draws it.</summary>
    public static IReadOnlyList<Point2> Corners(double x, double y, double width, double height, double rotationDegrees)
    {
        if (rotationDegrees == 0)
            return [new(x, y), new(x + width, y), new(x + width, y + height), new(x, y + height)];
        var radians = rotationDegrees * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        Point2 Turn(double dx, double dy) => new(x + dx * cos - dy * sin, y + dx * sin + dy * cos);
        return [Turn(0, 0), Turn(width, 0), Turn(width, height), Turn(0, height)];
    }

    /// <summary>Axis-aligned bounds (min x, min y, max x, max y) of a pixel box (rotated or not) or polygon; null when it has no geometry.</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY)? Bounds(Region region)
    {
        IReadOnlyList<Point2>? points = region.Points;
        if (points is null || points.Count == 0)
        {
            if (region is not { X: { } x, Y: { } y, Width: { } w, Height: { } h }) return null;
            if (region.Rotation is null or 0) return (x, y, x + w, y + h);
            points = Corners(x, y, w, h, region.Rotation.Value);
        }
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        return (minX, minY, maxX, maxY);
    }

    /// <summary>Area of a simple polygon by the shoelace formula.</summary>
    public static double PolygonArea(IReadOnlyList<Point2> points)
    {
        var twice = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Count];
            twice += a.X * b.Y - b.X * a.Y;
        }
        return Math.Abs(twice) / 2;
    }
}
