using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Yolo;

/// <summary>Turns one line of a YOLO label file into a pixel region, or an error naming the file and line.</summary>
internal sealed class YoloLabelParser(ImageAnnotationSchema target, IReadOnlyList<string> names, string namesFile)
{
    // Exporters round normalised values; a hair outside 0..1 is rounding, anything more is pixels by mistake.
    private const double Slack = 1e-6;

    public (Region? Region, InputError? Error) Parse(string line, int imageWidth, int imageHeight, string file, int lineNumber)
    {
        InputError Error(string message, string? field = null) => new(message, file, lineNumber, Field: field);
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens[0].StartsWith('#')) return (null, null);

        if (!int.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var classIndex))
            return (null, Error($"the class '{tokens[0]}' is not a class number", "class"));
        if (classIndex >= names.Count)
            return (null, Error($"class {classIndex} is not in {namesFile}, which names {names.Count} classes", "class"));
        var label = names[classIndex];

        var values = new double[tokens.Length - 1];
        for (var i = 0; i < values.Length; i++)
        {
            if (!Numbers.TryParse(tokens[i + 1], out values[i]))
                return (null, Error($"'{tokens[i + 1]}' is not a number", $"value {i + 1}"));
        }

        var isBox = values.Length is 4 or 5;
        var isPolygon = values.Length >= 6 && values.Length % 2 == 0;
        if (!isBox && !isPolygon)
            return (null, Error($"expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 ...', got {tokens.Length} values"));
        var coordinates = isBox ? values.AsSpan(0, 4) : values.AsSpan();
        for (var i = 0; i < coordinates.Length; i++)
        {
            if (coordinates[i] < -Slack || coordinates[i] > 1 + Slack)
                return (null, Error($"{coordinates[i].ToString(CultureInfo.InvariantCulture)} is not normalised to 0..1 (pixel values?)", $"value {i + 1}"));
        }

        var control = isBox ? target.Rectangles : target.Polygons;
        if (control is null)
            return (null, Error(isBox ? "a box, but the schema has no rectanglelabels control" : "a polygon, but the schema has no polygonlabels control"));
        if (!ImageAnnotationSchema.HasLabel(control, label))
            return (null, Error($"class {classIndex} ('{label}') is not a label of control '{control.Name}'", "class"));

        var region = new Region
        {
            Id = $"l{lineNumber}",
            FromName = control.Name,
            ToName = target.Field.Name,
            Type = isBox ? RegionTypes.RectangleLabels : RegionTypes.PolygonLabels,
            Labels = [label],
            OriginalWidth = imageWidth,
            OriginalHeight = imageHeight,
            Units = CoordinateUnits.Pixels,
        };
        if (isBox)
        {
            double cx = values[0], cy = values[1], w = values[2], h = values[3];
            return (region with
            {
                X = (cx - w / 2) * imageWidth,
                Y = (cy - h / 2) * imageHeight,
                Width = w * imageWidth,
                Height = h * imageHeight,
                Score = values.Length == 5 ? values[4] : null,
            }, null);
        }
        var points = new Point2[values.Length / 2];
        for (var p = 0; p < points.Length; p++) points[p] = new Point2(values[2 * p] * imageWidth, values[2 * p + 1] * imageHeight);
        return (region with { Points = points }, null);
    }
}
