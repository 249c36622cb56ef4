namespace Laoshi.Core.Schema;

/// <summary>Label Studio's tag names (matched without regard to case, as Label Studio does) and what Laoshi makes of them.</summary>
internal static class LabelStudioTags
{
    /// <summary>Layout tags whose children are read as if they stood in their place.</summary>
    public static readonly IReadOnlySet<string> Containers = Set("view", "collapse", "panel");

    /// <summary>Tags that only change how the page looks and say nothing about the data or the answer.</summary>
    public static readonly IReadOnlySet<string> Visual = Set("header", "style", "filter", "shortcut", "script");

    /// <summary>Label Studio tags that Laoshi knows but cannot yet annotate with, so the error can say so plainly.</summary>
    public static readonly IReadOnlySet<string> Unsupported = Set(
        "video", "paragraphs", "table", "timeseries", "list", "pdf", "markdown",
        "ranker", "pairwise", "taxonomy", "number", "datetime", "relations", "relation",
        "rectangle", "polygon", "keypoint", "ellipse", "brush", "magicwand", "bitmask",
        "ellipselabels", "brushlabels", "bitmasklabels", "hypertextlabels", "paragraphlabels",
        "timeserieslabels", "videorectangle");

    public static FieldKind? FieldKind(string tag) => tag.ToLowerInvariant() switch
    {
        "image" => Schema.FieldKind.Image,
        "text" or "hypertext" => Schema.FieldKind.Text,
        "audio" or "audioplus" => Schema.FieldKind.Audio,
        _ => null,
    };

    /// <summary>The Laoshi control type of a Label Studio control tag, or null when it is not one.</summary>
    public static string? ControlType(string tag)
    {
        var lower = tag.ToLowerInvariant();
        return ControlTypes.IsKnown(lower) ? lower : null;
    }

    public static string ControlTag(string type) => type switch
    {
        ControlTypes.Choices => "Choices",
        ControlTypes.Labels => "Labels",
        ControlTypes.RectangleLabels => "RectangleLabels",
        ControlTypes.PolygonLabels => "PolygonLabels",
        ControlTypes.KeyPointLabels => "KeyPointLabels",
        ControlTypes.TextArea => "TextArea",
        ControlTypes.Rating => "Rating",
        _ => throw new ArgumentException($"unknown control type '{type}'", nameof(type)),
    };

    private static HashSet<string> Set(params string[] tags) => new(tags, StringComparer.OrdinalIgnoreCase);
}
