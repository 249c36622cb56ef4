using System.Text.Json.Nodes;

namespace Laoshi.Core.Regions;

public sealed record Point2(double X, double Y);

/// <summary>Whether image geometry is in the item's own pixels or still in Label Studio percentages.</summary>
public enum CoordinateUnits { Pixels, Percent }

/// <summary>
/// One part of an answer: a choice, a box, a polygon, a keypoint, a text span, an audio segment,
/// a transcript or a rating. One shape for every type; only the fields that the type uses are set.
/// Image geometry is stored in pixels of the original image (see <see cref="Units"/>);
/// text offsets are UTF-16 code units; audio times are seconds.
/// </summary>
public sealed record Region
{
    /// <summary>Region id; results that describe the same region (a segment and its transcript) share it.</summary>
    public required string Id { get; init; }
    /// <summary>The control (schema) that produced it: Label Studio's from_name.</summary>
    public required string FromName { get; init; }
    /// <summary>The field it refers to: Label Studio's to_name.</summary>
    public required string ToName { get; init; }
    /// <summary>One of <see cref="RegionTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Chosen classes or labels (choices, labels, rectanglelabels, ...).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    // Image geometry: rectangle (x, y = top-left corner before rotation), keypoint (x, y, width = radius).
    public double? X { get; init; }
    public double? Y { get; init; }
    public double? Width { get; init; }
    public double? Height { get; init; }
    /// <summary>Clockwise rotation in degrees around the top-left corner, as Label Studio draws it.</summary>
    public double? Rotation { get; init; }
    public IReadOnlyList<Point2>? Points { get; init; }
    public int? OriginalWidth { get; init; }
    public int? OriginalHeight { get; init; }
    public CoordinateUnits Units { get; init; } = CoordinateUnits.Pixels;

    // Text span: UTF-16 code-unit offsets, end exclusive, and the covered text.
    public int? Start { get; init; }
    public int? End { get; init; }
    public string? Text { get; init; }

    // Audio segment in seconds.
    public double? StartTime { get; init; }
    public double? EndTime { get; init; }
    public int? Channel { get; init; }

    /// <summary>Free text answers (textarea); one entry per line Label Studio keeps.</summary>
    public IReadOnlyList<string>? TextLines { get; init; }
    public double? Rating { get; init; }

    /// <summary>Model confidence, for predictions.</summary>
    public double? Score { get; init; }
    public string? ParentId { get; init; }

    /// <summary>
    /// Fields of the Label Studio result (top level and inside value) that Laoshi does not model,
    /// kept so that a round trip loses nothing. Keys "value.*" belong inside value.
    /// </summary>
    public JsonObject? Extra { get; init; }
}
