namespace Laoshi.Formats.Coco;

/// <summary>What to do with crowd annotations whose shape is a run-length mask, which Laoshi has no region type for.</summary>
public enum CrowdMaskHandling
{
    /// <summary>Keep the crowd's bounding box as a rectangle, marked iscrowd=1 in Region.Extra.</summary>
    Box,
    /// <summary>Leave it out, and report it as a bad row so the user knows.</summary>
    Skip,
}

public sealed record CocoReaderOptions
{
    public CrowdMaskHandling CrowdMasks { get; init; } = CrowdMaskHandling.Box;
}
