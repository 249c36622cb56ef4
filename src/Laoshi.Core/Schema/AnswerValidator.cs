using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;

namespace Laoshi.Core.Schema;

/// <summary>
/// Checks an answer (its regions) against the project's schema and, when given, the item's data: that every
/// region comes from a control of the schema, says only what that control allows, and lies inside its
/// image, text or audio. Paths name the Label Studio result JSON, e.g. "result[2].value.labels[0]".
/// </summary>
public static class AnswerValidator
{
    /// <summary>How far (in pixels, or percent when the image size is unknown) geometry may stray over an edge from rounding.</summary>
    public const double Tolerance = 1e-6;

    public static IReadOnlyList<InputError> Validate(
        ProjectSchema schema, IReadOnlyList<Region> result, JsonObject? itemData, string? file = null, long? line = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(result);
        var check = new Check(schema, result, itemData, file, line);
        for (var i = 0; i < result.Count; i++)
            check.Region(i);
        return check.Errors;
    }

    /// <summary>
    /// The required controls an answer leaves unanswered: a whole-item control with no result, or a per-region
    /// control with no result for some region of its field. Kept apart from <see cref="Validate"/> because
    /// imported or draft answers may rightly be incomplete, while a submitted one may not.
    /// </summary>
    public static IReadOnlyList<InputError> MissingRequired(
        ProjectSchema schema, IReadOnlyList<Region> result, string? file = null, long? line = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(result);
        var errors = new List<InputError>();
        foreach (var control in schema.Controls.Where(c => c.Required))
        {
            if (!control.PerRegion)
            {
                if (!result.Any(r => r.FromName == control.Name))
                    errors.Add(new InputError($"'{control.Name}' is required but has no answer", file, line, "result", control.Name));
                continue;
            }
            var answered = result.Where(r => r.FromName == control.Name).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < result.Count; i++)
            {
                var region = result[i];
                var owner = schema.Control(region.FromName);
                // Regions are what region-drawing controls (boxes, spans, segments) make on the same field.
                if (owner is null || owner.PerRegion || owner.Type is ControlTypes.Choices or ControlTypes.TextArea or ControlTypes.Rating
                    || owner.ToName != control.ToName || !seen.Add(region.Id))
                    continue;
                if (!answered.Contains(region.Id))
                    errors.Add(new InputError($"'{control.Name}' is required for every region but region '{region.Id}' has none", file, line, $"result[{i}]", control.Name));
            }
        }
        return errors;
    }

    private sealed class Check(ProjectSchema schema, IReadOnlyList<Region> result, JsonObject? itemData, string? file, long? line)
    {
        private readonly HashSet<string> _missingDataReported = new(StringComparer.Ordinal);

        // Ids of the regions themselves (boxes, spans, segments), which per-region answers attach to.
        private readonly HashSet<string> _regionIds = result
            .Where(r => schema.Control(r.FromName) is { PerRegion: false })
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);

        public List<InputError> Errors { get; } = [];

        public void Region(int i)
        {
            var region = result[i];
            var at = $"result[{i}]";
            var control = schema.Control(region.FromName);
            if (control is null)
            {
                Report(region, $"{at}.from_name", $"from_name '{region.FromName}' is not a control of the schema; controls are: {string.Join(", ", schema.Controls.Select(c => c.Name))}");
                return;
            }
            if (region.ToName != control.ToName)
                Report(region, $"{at}.to_name", $"to_name '{region.ToName}' does not match control '{control.Name}', which describes '{control.ToName}'");

            var types = ControlTypes.RegionTypesFor(control.Type);
            if (!types.Contains(region.Type, StringComparer.Ordinal))
            {
                Report(region, $"{at}.type", $"type '{region.Type}' does not fit the {control.Type} control '{control.Name}'; expected {string.Join(" or ", types)}");
                return;
            }

            if (control.PerRegion && !_regionIds.Contains(region.Id))
                Report(region, $"{at}.id", $"per-region answer of '{control.Name}' refers to region id '{region.Id}', which is no region of this answer");

            if (ControlTypes.HasLabels(control.Type))
                Labels(region, control, at);

            var field = schema.Field(control.ToName);
            switch (region.Type)
            {
                case RegionTypes.RectangleLabels or RegionTypes.Rectangle:
                    Box(region, at);
                    break;
                case RegionTypes.PolygonLabels or RegionTypes.Polygon:
                    Polygon(region, at);
                    break;
                case RegionTypes.KeyPointLabels or RegionTypes.KeyPoint:
                    KeyPoint(region, at);
                    break;
                case RegionTypes.Labels when field?.Kind == FieldKind.Audio:
                    Segment(region, at);
                    break;
                case RegionTypes.Labels when field is not null:
                    Span(region, at, field);
                    break;
                case RegionTypes.Rating:
                    Rating(region, at, control);
                    break;
                case RegionTypes.TextArea when region.TextLines is null:
                    Report(region, $"{at}.value.text", "a textarea answer needs text");
                    break;
            }
        }

        private void Labels(Region region, SchemaControl control, string at)
        {
            // Label Studio names the list after the result type ("rectanglelabels": [...]), or "labels" for bare shapes.
            var key = region.Type switch
            {
                RegionTypes.Rectangle or RegionTypes.Polygon or RegionTypes.KeyPoint => "labels",
                var type => type,
            };
            var bareShape = key == "labels" && region.Type != RegionTypes.Labels;
            if (region.Labels.Count == 0 && !bareShape)
                Report(region, $"{at}.value.{key}", $"no {(control.Type == ControlTypes.Choices ? "choice" : "label")} is chosen");
            if (region.Labels.Count > 1 && !control.Multiple)
                Report(region, $"{at}.value.{key}", $"control '{control.Name}' takes one {(control.Type == ControlTypes.Choices ? "choice" : "label")}, but {region.Labels.Count} are chosen");
            for (var j = 0; j < region.Labels.Count; j++)
            {
                var label = region.Labels[j];
                // Label Studio stores a label's alias, when it has one, instead of its value.
                if (!control.Labels.Any(l => l.Value == label || l.Alias == label))
                    Report(region, $"{at}.value.{key}[{j}]", $"'{label}' is not a label of '{control.Name}'; labels are: {string.Join(", ", control.Labels.Select(l => l.Value))}");
            }
        }

        private void Box(Region region, string at)
        {
            if (region.X is not { } x || region.Y is not { } y || region.Width is not { } width || region.Height is not { } height)
            {
                Report(region, $"{at}.value", "a box needs x, y, width and height");
                return;
            }
            if (width <= 0) Report(region, $"{at}.value.width", $"box width {Num(width)} must be positive");
            if (height <= 0) Report(region, $"{at}.value.height", $"box height {Num(height)} must be positive");
            if (width <= 0 || height <= 0) return;

            var frame = Frame.Of(region);
            var rotation = region.Rotation ?? 0;
            if (rotation % 360 == 0)
            {
                if (x < -Tolerance) Report(region, $"{at}.value.x", $"box starts left of the image (x = {Num(x)})");
                if (y < -Tolerance) Report(region, $"{at}.value.y", $"box starts above the image (y = {Num(y)})");
                if (frame.Width is { } w && x + width > w + Tolerance)
                    Report(region, $"{at}.value.width", $"box right edge {Num(x + width)} is beyond the image width {Num(w)}{frame.Unit}");
                if (frame.Height is { } h && y + height > h + Tolerance)
                    Report(region, $"{at}.value.height", $"box bottom edge {Num(y + height)} is beyond the image height {Num(h)}{frame.Unit}");
                return;
            }

            // Rotation turns the box about its top-left corner; in percent of a non-square image the turn is
            // only meaningful in pixels, so without the image size only that fixed corner can be checked.
            if (!frame.Rotatable)
            {
                if (!frame.Contains(x, y)) Report(region, $"{at}.value", $"box corner ({Num(x)}, {Num(y)}) lies outside the image");
                return;
            }
            var radians = rotation * Math.PI / 180;
            var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
            var (px, py, pw, ph) = (x * frame.ScaleX, y * frame.ScaleY, width * frame.ScaleX, height * frame.ScaleY);
            foreach (var (dx, dy) in new[] { (0.0, 0.0), (pw, 0.0), (pw, ph), (0.0, ph) })
            {
                var (cx, cy) = (px + dx * cos - dy * sin, py + dx * sin + dy * cos);
                if (!frame.ContainsPixel(cx, cy))
                {
                    Report(region, $"{at}.value.rotation", $"box rotated by {Num(rotation)}° has a corner at ({Num(cx)}, {Num(cy)}) px, outside the {Num(frame.PixelWidth)}×{Num(frame.PixelHeight)} image");
                    return;
                }
            }
        }

        private void Polygon(Region region, string at)
        {
            if (region.Points is not { Count: >= 3 } points)
            {
                Report(region, $"{at}.value.points", $"a polygon needs at least 3 points, not {region.Points?.Count ?? 0}");
                return;
            }
            var frame = Frame.Of(region);
            for (var k = 0; k < points.Count; k++)
                if (!frame.Contains(points[k].X, points[k].Y))
                    Report(region, $"{at}.value.points[{k}]", $"point ({Num(points[k].X)}, {Num(points[k].Y)}) lies outside the image{frame.Size}");
        }

        private void KeyPoint(Region region, string at)
        {
            if (region.X is not { } x || region.Y is not { } y)
            {
                Report(region, $"{at}.value", "a keypoint needs x and y");
                return;
            }
            var frame = Frame.Of(region);
            if (!frame.Contains(x, y))
                Report(region, $"{at}.value", $"keypoint ({Num(x)}, {Num(y)}) lies outside the image{frame.Size}");
        }

        private void Span(Region region, string at, SchemaField field)
        {
            if (region.Start is not { } start || region.End is not { } end)
            {
                Report(region, $"{at}.value", "a text span needs start and end");
                return;
            }
            if (start < 0) Report(region, $"{at}.value.start", $"span start {start} is before the text");
            if (start >= end) Report(region, $"{at}.value.end", $"span end {end} must be after its start {start}");
            var text = ItemText(region, field);
            if (text is null || start < 0 || start >= end) return;
            if (end > text.Length)
            {
                Report(region, $"{at}.value.end", $"span end {end} is beyond the end of the text ({text.Length} UTF-16 code units)");
                return;
            }
            var covered = text[start..end];
            if (region.Text is not null && region.Text != covered)
                Report(region, $"{at}.value.text", $"span text \"{region.Text}\" differs from the text at {start}..{end}, \"{covered}\"");
        }

        private string? ItemText(Region region, SchemaField field)
        {
            if (itemData is null) return null;
            if (itemData.TryGetPropertyValue(field.Value, out var node) && node?.GetValueKind() == JsonValueKind.String)
                return node.GetValue<string>();
            if (node is null && _missingDataReported.Add(field.Value))
                Report(region, $"data.{field.Value}", $"the item has no text under \"{field.Value}\", which field '{field.Name}' shows");
            return null;
        }

        private void Segment(Region region, string at)
        {
            if (region.StartTime is not { } start || region.EndTime is not { } end)
            {
                Report(region, $"{at}.value", "an audio segment needs start and end (seconds)");
                return;
            }
            if (start < 0) Report(region, $"{at}.value.start", $"segment start {Num(start)} s is before the audio");
            if (end <= start) Report(region, $"{at}.value.end", $"segment end {Num(end)} s must be after its start {Num(start)} s");
        }

        private void Rating(Region region, string at, SchemaControl control)
        {
            var max = control.MaxRating ?? ControlTypes.DefaultMaxRating;
            if (region.Rating is not { } rating)
                Report(region, $"{at}.value.rating", "a rating answer needs a rating");
            else if (rating < 1 || rating > max || rating != Math.Floor(rating))
                Report(region, $"{at}.value.rating", $"rating {Num(rating)} must be a whole number from 1 to {max}");
        }

        private void Report(Region region, string path, string message) =>
            Errors.Add(new InputError(message, file, line, path, region.FromName));

        private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>The image a region's geometry must lie in, in the region's own units.</summary>
    private sealed record Frame(double? Width, double? Height, double ScaleX, double ScaleY, bool Rotatable, string Unit)
    {
        public static Frame Of(Region region)
        {
            var (w, h) = (region.OriginalWidth, region.OriginalHeight);
            return region.Units switch
            {
                CoordinateUnits.Percent when w is > 0 && h is > 0 => new(100, 100, w.Value / 100.0, h.Value / 100.0, true, "%"),
                CoordinateUnits.Percent => new(100, 100, 1, 1, false, "%"),
                _ when w is > 0 && h is > 0 => new(w, h, 1, 1, true, " px"),
                _ => new(null, null, 1, 1, false, " px"),
            };
        }

        public double PixelWidth => (Width ?? 0) * ScaleX;
        public double PixelHeight => (Height ?? 0) * ScaleY;
        public string Size => Width is { } w && Height is { } h ? $" ({Num(w)}×{Num(h)}{Unit})" : "";

        public bool Contains(double x, double y) =>
            x >= -Tolerance && y >= -Tolerance
            && (Width is not { } w || x <= w + Tolerance)
            && (Height is not { } h || y <= h + Tolerance);

        public bool ContainsPixel(double x, double y) =>
            x >= -Tolerance && y >= -Tolerance && x <= PixelWidth + Tolerance && y <= PixelHeight + Tolerance;

        private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
