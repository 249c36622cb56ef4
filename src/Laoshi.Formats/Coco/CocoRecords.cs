namespace Laoshi.Formats.Coco;

/// <summary>A COCO image entry; Index is its position in the images array, for error paths.</summary>
internal sealed record CocoImage(long Id, string FileName, int? Width, int? Height, int Index);

/// <summary>A COCO category; KeyPointNames are the names of its keypoints, in the order annotations list them.</summary>
internal sealed record CocoCategory(long Id, string Name, IReadOnlyList<string> KeyPointNames);

/// <summary>
/// A COCO annotation reduced to what becomes regions. Bbox is [x, y, width, height] in pixels; Polygons are
/// flat [x1, y1, x2, y2, ...] lists; KeyPoints are [x, y, visibility] triples; HasMask marks an RLE crowd mask.
/// </summary>
internal sealed record CocoAnnotation(
    int Index,
    long? Id,
    long CategoryId,
    bool IsCrowd,
    bool HasMask,
    double[]? Bbox,
    IReadOnlyList<double[]> Polygons,
    double[]? KeyPoints);
