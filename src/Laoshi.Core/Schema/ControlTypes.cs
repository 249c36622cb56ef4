namespace Laoshi.Core.Schema;

/// <summary>
/// The control types a <see cref="SchemaControl"/> may have, named as Label Studio's control tags
/// in lower case, with what each one needs from the schema.
/// </summary>
public static class ControlTypes
{
    public const string Choices = "choices";
    public const string Labels = "labels";
    public const string RectangleLabels = "rectanglelabels";
    public const string PolygonLabels = "polygonlabels";
    public const string KeyPointLabels = "keypointlabels";
    public const string TextArea = "textarea";
    public const string Rating = "rating";

    /// <summary>Label Studio's default when a Rating tag gives no maxRating.</summary>
    public const int DefaultMaxRating = 5;

    public static readonly IReadOnlyList<string> All =
        [Choices, Labels, RectangleLabels, PolygonLabels, KeyPointLabels, TextArea, Rating];

    /// <summary>Whether the type is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>Controls that offer a fixed list of labels or choices, and so are useless without one.</summary>
    public static bool HasLabels(string type) =>
        type is Choices or Labels or RectangleLabels or PolygonLabels or KeyPointLabels;

    /// <summary>Controls that Label Studio lets describe each region separately (perRegion).</summary>
    public static bool CanBePerRegion(string type) => type is Choices or TextArea or Rating;

    /// <summary>The field kinds a control of this type can refer to.</summary>
    public static IReadOnlyList<FieldKind> FieldKindsFor(string type) => type switch
    {
        RectangleLabels or PolygonLabels or KeyPointLabels => [FieldKind.Image],
        Labels => [FieldKind.Text, FieldKind.Audio],
        _ => [FieldKind.Text, FieldKind.Image, FieldKind.Audio],
    };

    /// <summary>
    /// The region types a control of this type produces. Label Studio writes "rectangle" rather than
    /// "rectanglelabels" for a box whose labels come from another control, so both are accepted.
    /// </summary>
    public static IReadOnlyList<string> RegionTypesFor(string type) => type switch
    {
        Choices => [Regions.RegionTypes.Choices],
        Labels => [Regions.RegionTypes.Labels],
        RectangleLabels => [Regions.RegionTypes.RectangleLabels, Regions.RegionTypes.Rectangle],
        PolygonLabels => [Regions.RegionTypes.PolygonLabels, Regions.RegionTypes.Polygon],
        KeyPointLabels => [Regions.RegionTypes.KeyPointLabels, Regions.RegionTypes.KeyPoint],
        TextArea => [Regions.RegionTypes.TextArea],
        Rating => [Regions.RegionTypes.Rating],
        _ => [],
    };
}
