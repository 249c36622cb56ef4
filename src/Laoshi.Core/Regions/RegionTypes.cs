namespace Laoshi.Core.Regions;

/// <summary>
/// Region types, named as Label Studio names result types so that one result shape serves every
/// kind of answer and round-trips through its JSON.
/// </summary>
public static class RegionTypes
{
    public const string Choices = "choices";
    public const string Labels = "labels";                 // text span or audio segment, by target field
    public const string RectangleLabels = "rectanglelabels";
    public const string Rectangle = "rectangle";
    public const string PolygonLabels = "polygonlabels";
    public const string Polygon = "polygon";
    public const string KeyPointLabels = "keypointlabels";
    public const string KeyPoint = "keypoint";
    public const string TextArea = "textarea";
    public const string Rating = "rating";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Choices, Labels, RectangleLabels, Rectangle, PolygonLabels, Polygon, KeyPointLabels, KeyPoint, TextArea, Rating,
    };
}
