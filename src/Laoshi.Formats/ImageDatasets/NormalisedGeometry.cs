using Laoshi.Core.Regions;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>Region geometry as fractions of the image size (0..1), as YOLO labels hold it.</summary>
internal static class NormalisedGeometry
{
    /// <summary>
    /// Axis-aligned bounds as (min x, min y, max x, max y) fractions. Rotated boxes are turned in pixel space,
    /// so they need the image size; plain percent boxes do not. Null when the size is needed but unknown.
    /// </summary>
    public static (double MinX, double MinY, double MaxX, double MaxY)? Bounds(Region region, int? imageWidth, int? imageHeight)
    {
        if (RegionGeometry.ToPixels(region, imageWidth, imageHeight) is { } pixels
            && (pixels.OriginalWidth ?? imageWidth) is { } width && (pixels.OriginalHeight ?? imageHeight) is { } height
            && RegionGeometry.Bounds(pixels) is { } b)
            return (b.MinX / width, b.MinY / height, b.MaxX / width, b.MaxY / height);
        if (region.Units == CoordinateUnits.Percent && region.Rotation is null or 0 && RegionGeometry.Bounds(region) is { } p)
            return (p.MinX / 100, p.MinY / 100, p.MaxX / 100, p.MaxY / 100);
        return null;
    }

    /// <summary>Polygon points as fractions; null when the image size is needed but unknown.</summary>
    public static IReadOnlyList<Point2>? Points(Region region, int? imageWidth, int? imageHeight)
    {
        if (region.Points is null) return null;
        if (region.Units == CoordinateUnits.Percent) return region.Points.Select(p => new Point2(p.X / 100, p.Y / 100)).ToList();
        if ((region.OriginalWidth ?? imageWidth) is not { } width || (region.OriginalHeight ?? imageHeight) is not { } height) return null;
        return region.Points.Select(p => new Point2(p.X / width, p.Y / height)).ToList();
    }
}
