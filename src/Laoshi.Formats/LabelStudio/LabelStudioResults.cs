using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;

namespace Laoshi.Formats.LabelStudio;

/// <summary>
/// Converts Label Studio result arrays (the "result" of an annotation or prediction) to regions and back.
/// Image geometry becomes pixels when the result carries original_width/original_height; keys Laoshi does not
/// model are kept in <see cref="Region.Extra"/> so that FromJson followed by ToJson gives back the input.
/// </summary>
public static class LabelStudioResults
{
    // Top-level keys that map onto Region properties; every other key is kept in Extra.
    private static readonly FrozenSet<string> ModelledKeys = FrozenSet.Create(
        StringComparer.Ordinal, "value", "original_width", "original_height", "id", "from_name", "to_name", "type", "score", "parentID");

    // Label Studio writes these keys in this order; extras named here take their place, the rest follow.
    private static readonly string[] ExtraKeysBeforeId = ["image_rotation"];
    private static readonly string[] ExtraKeysAfterType = ["origin"];

    /// <summary>Reads a Label Studio result array.</summary>
    /// <param name="schema">Decides whether a "labels" start/end is a text span or an audio segment; may be null.</param>
    /// <param name="file">File name for error messages.</param>
    /// <param name="line">Line for error messages.</param>
    /// <param name="path">JSON path of the array for error messages ("$[3].annotations[0].result").</param>
    /// <exception cref="BadInputException">An entry is malformed; the error names file, line and JSON path.</exception>
    public static IReadOnlyList<Region> FromJson(JsonArray result, ProjectSchema? schema, string? file = null, long? line = null, string path = "result")
    {
        var regions = new List<Region>(result.Count);
        for (var i = 0; i < result.Count; i++)
        {
            var entryPath = $"{path}[{i}]";
            if (result[i] is not JsonObject entry)
                throw new BadInputException("result entry must be a JSON object", file, line, entryPath);
            regions.Add(new ResultEntryReader(entry, i, schema, file, line, entryPath).Read());
        }
        return regions;
    }

    /// <summary>Converts percent image geometry to pixels of an image of the given size; other regions are returned as they are.</summary>
    public static Region ToPixels(Region region, int width, int height)
    {
        if (region.Units == CoordinateUnits.Pixels)
            return region.OriginalWidth is null && HasGeometry(region) ? region with { OriginalWidth = width, OriginalHeight = height } : region;
        return Scale(region, width / 100.0, height / 100.0) with
        {
            OriginalWidth = width,
            OriginalHeight = height,
            Units = CoordinateUnits.Pixels,
        };
    }

    /// <summary>Writes regions as a Label Studio result array, geometry in percent of the original image.</summary>
    /// <param name="imageSize">
    /// Size of the image a region's to_name refers to, used when a pixel region lacks OriginalWidth/OriginalHeight.
    /// </param>
    /// <exception cref="InvalidOperationException">A pixel region has no image size to convert with.</exception>
    public static JsonArray ToJson(IReadOnlyList<Region> regions, Func<string, (int Width, int Height)?>? imageSize = null)
    {
        var array = new JsonArray();
        foreach (var region in regions)
            array.Add(ToJson(region, imageSize));
        return array;
    }

    private static JsonObject ToJson(Region region, Func<string, (int Width, int Height)?>? imageSize)
    {
        var width = region.OriginalWidth;
        var height = region.OriginalHeight;
        var percent = region;
        if (region.Units == CoordinateUnits.Pixels && HasGeometry(region))
        {
            if (width is null || height is null)
            {
                var size = imageSize?.Invoke(region.ToName)
                    ?? throw new InvalidOperationException($"region '{region.Id}' has pixel geometry but no image size to convert it to percent");
                (width, height) = (size.Width, size.Height);
            }
            percent = Scale(region, 100.0 / width.Value, 100.0 / height.Value);
        }

        var extra = region.Extra ?? [];
        var json = new JsonObject { ["value"] = ValueJson(percent, extra) };
        if (region.OriginalWidth is not null) json["original_width"] = region.OriginalWidth;
        if (region.OriginalHeight is not null) json["original_height"] = region.OriginalHeight;
        foreach (var key in ExtraKeysBeforeId)
            CopyExtra(extra, key, json);
        json["id"] = region.Id;
        json["from_name"] = region.FromName;
        json["to_name"] = region.ToName;
        json["type"] = region.Type;
        foreach (var key in ExtraKeysAfterType)
            CopyExtra(extra, key, json);
        if (region.Score is not null) json["score"] = region.Score;
        if (region.ParentId is not null) json["parentID"] = region.ParentId;
        foreach (var (key, node) in extra)
        {
            if (!key.StartsWith("value.", StringComparison.Ordinal) && !json.ContainsKey(key))
                json[key] = node?.DeepClone();
        }
        return json;
    }

    private static JsonObject ValueJson(Region region, JsonObject extra)
    {
        var value = new JsonObject();
        if (region.X is not null) value["x"] = region.X;
        if (region.Y is not null) value["y"] = region.Y;
        if (region.Width is not null) value["width"] = region.Width;
        if (region.Height is not null) value["height"] = region.Height;
        if (region.Rotation is not null) value["rotation"] = region.Rotation;
        if (region.Points is not null)
            value["points"] = new JsonArray([.. region.Points.Select(p => (JsonNode)new JsonArray(p.X, p.Y))]);

        if (region.Start is not null) value["start"] = region.Start;
        else if (region.StartTime is not null) value["start"] = region.StartTime;
        if (region.End is not null) value["end"] = region.End;
        else if (region.EndTime is not null) value["end"] = region.EndTime;
        if (region.Channel is not null) value["channel"] = region.Channel;

        if (region.Type == RegionTypes.TextArea)
        {
            if (region.TextLines is not null) value["text"] = new JsonArray([.. region.TextLines.Select(t => (JsonNode?)t)]);
        }
        else if (region.Text is not null)
        {
            value["text"] = region.Text;
        }
        if (region.Type == RegionTypes.Rating)
        {
            if (region.Rating is not null) value["rating"] = region.Rating;
        }
        else if (LabelKey(region.Type) is { } labelKey)
        {
            value[labelKey] = new JsonArray([.. region.Labels.Select(l => (JsonNode?)l)]);
        }

        foreach (var (key, node) in extra)
        {
            if (key.StartsWith("value.", StringComparison.Ordinal))
                value[key["value.".Length..]] = node?.DeepClone();
        }
        return value;
    }

    private static void CopyExtra(JsonObject extra, string key, JsonObject json)
    {
        if (extra.TryGetPropertyValue(key, out var node))
            json[key] = node?.DeepClone();
    }

    /// <summary>The key inside value that holds the chosen labels for a result type, or null when the type has none.</summary>
    internal static string? LabelKey(string type) => type switch
    {
        RegionTypes.Choices or RegionTypes.Labels or RegionTypes.RectangleLabels
            or RegionTypes.PolygonLabels or RegionTypes.KeyPointLabels => type,
        _ => null,
    };

    private static bool HasGeometry(Region r) => r.X is not null || r.Y is not null || r.Width is not null || r.Height is not null || r.Points is not null;

    private static Region Scale(Region r, double sx, double sy) => r with
    {
        X = r.X * sx,
        Y = r.Y * sy,
        Width = r.Width * sx,
        Height = r.Height * sy,
        Points = r.Points?.Select(p => new Point2(p.X * sx, p.Y * sy)).ToList(),
    };

    /// <summary>Reads one result entry; keeps the location so every error names where it is.</summary>
    private sealed class ResultEntryReader(JsonObject entry, int index, ProjectSchema? schema, string? file, long? line, string path)
    {
        private JsonObject? _extra;

        public Region Read()
        {
            var type = RequiredString(entry, "type");
            if (!RegionTypes.All.Contains(type))
                throw Error($"unsupported result type '{type}'; expected one of {string.Join(", ", RegionTypes.All)}", "type");
            var id = OptionalString(entry, "id") ?? $"r{index}";
            var fromName = RequiredString(entry, "from_name");
            var toName = RequiredString(entry, "to_name");
            if (entry["value"] is not JsonObject value)
                throw Error("value must be a JSON object", "value");

            var originalWidth = OptionalInt(entry, "original_width", "original_width");
            var originalHeight = OptionalInt(entry, "original_height", "original_height");
            if (originalWidth is <= 0) throw Error("original_width must be positive", "original_width");
            if (originalHeight is <= 0) throw Error("original_height must be positive", "original_height");

            foreach (var (key, node) in entry)
            {
                if (!ModelledKeys.Contains(key))
                    (_extra ??= [])[key] = node?.DeepClone();
            }

            // At most a handful of keys: a list is cheaper than a set for millions of results.
            var valueKeys = new List<string>(8);
            var region = new Region
            {
                Id = id,
                FromName = fromName,
                ToName = toName,
                Type = type,
                Score = OptionalDouble(entry, "score", "score"),
                ParentId = OptionalString(entry, "parentID"),
                OriginalWidth = originalWidth,
                OriginalHeight = originalHeight,
            };

            region = ReadGeometry(region, value, valueKeys);
            region = ReadStartEnd(region, value, valueKeys);
            region = ReadAnswer(region, value, valueKeys);

            foreach (var (key, node) in value)
            {
                if (!valueKeys.Contains(key))
                    (_extra ??= [])["value." + key] = node?.DeepClone();
            }
            return _extra is null ? region : region with { Extra = _extra };
        }

        private Region ReadGeometry(Region region, JsonObject value, List<string> used)
        {
            double? Take(string key)
            {
                var number = OptionalDouble(value, key, "value." + key);
                if (number is not null) used.Add(key);
                return number;
            }

            region = region with { X = Take("x"), Y = Take("y"), Width = Take("width"), Height = Take("height"), Rotation = Take("rotation") };
            if (value.ContainsKey("points"))
            {
                used.Add("points");
                region = region with { Points = ReadPoints(value["points"]) };
            }
            if (!HasGeometry(region))
                return region;
            if (region.OriginalWidth is { } w && region.OriginalHeight is { } h)
                return Scale(region, w / 100.0, h / 100.0) with { Units = CoordinateUnits.Pixels };
            return region with { Units = CoordinateUnits.Percent };
        }

        private List<Point2> ReadPoints(JsonNode? node)
        {
            if (node is not JsonArray array)
                throw Error("points must be an array of [x, y] pairs", "value.points");
            var points = new List<Point2>(array.Count);
            for (var i = 0; i < array.Count; i++)
            {
                var pointPath = $"value.points[{i}]";
                if (array[i] is not JsonArray pair || pair.Count != 2)
                    throw Error("each point must be an [x, y] pair", pointPath);
                points.Add(new Point2(Number(pair[0], pointPath + "[0]"), Number(pair[1], pointPath + "[1]")));
            }
            return points;
        }

        private Region ReadStartEnd(Region region, JsonObject value, List<string> used)
        {
            if (!value.ContainsKey("start") && !value.ContainsKey("end"))
                return region;
            used.Add("start");
            used.Add("end");
            if (IsAudioSegment(region, value))
            {
                used.Add("channel");
                return region with
                {
                    StartTime = OptionalDouble(value, "start", "value.start"),
                    EndTime = OptionalDouble(value, "end", "value.end"),
                    Channel = OptionalInt(value, "channel", "value.channel"),
                };
            }

            var start = OptionalInt(value, "start", "value.start");
            var end = OptionalInt(value, "end", "value.end");
            if (start is < 0) throw Error("start must not be negative", "value.start");
            if (start is not null && end is not null && end < start) throw Error($"end ({end}) is before start ({start})", "value.end");
            string? text = null;
            if (region.Type != RegionTypes.TextArea && value.ContainsKey("text"))
            {
                used.Add("text");
                text = OptionalString(value, "text", "value.text");
            }
            return region with { Start = start, End = end, Text = text };
        }

        // A "labels" start/end is a text span over a text field and an audio segment over an audio field;
        // without a schema, a text span always carries the covered text.
        private bool IsAudioSegment(Region region, JsonObject value)
        {
            if (schema?.Field(region.ToName) is { } field)
                return field.Kind == FieldKind.Audio;
            return region.Type == RegionTypes.TextArea ? !value.ContainsKey("text") || value["text"] is JsonArray : !value.ContainsKey("text");
        }

        private Region ReadAnswer(Region region, JsonObject value, List<string> used)
        {
            switch (region.Type)
            {
                case RegionTypes.TextArea:
                    used.Add("text");
                    return region with { TextLines = StringArray(value, "text", required: true) };
                case RegionTypes.Rating:
                    used.Add("rating");
                    return region with
                    {
                        Rating = OptionalDouble(value, "rating", "value.rating") ?? throw Error("rating is missing", "value.rating"),
                    };
                default:
                    if (LabelKey(region.Type) is not { } key)
                        return region;
                    used.Add(key);
                    return region with { Labels = StringArray(value, key, required: true) ?? [] };
            }
        }

        private string[]? StringArray(JsonObject value, string key, bool required)
        {
            var field = "value." + key;
            if (!value.TryGetPropertyValue(key, out var node) || node is null)
                return required ? throw Error($"{key} is missing", field) : null;
            if (node is not JsonArray array)
                throw Error($"{key} must be an array of strings", field);
            var strings = new string[array.Count];
            for (var i = 0; i < array.Count; i++)
            {
                strings[i] = array[i] is JsonValue v && v.TryGetValue<string>(out var s)
                    ? s
                    : throw Error($"{key} must be an array of strings", $"{field}[{i}]");
            }
            return strings;
        }

        private string RequiredString(JsonObject obj, string key) =>
            OptionalString(obj, key) is { Length: > 0 } s ? s : throw Error($"{key} is missing or empty", key);

        private string? OptionalString(JsonObject obj, string key, string? field = null)
        {
            if (!obj.TryGetPropertyValue(key, out var node) || node is null)
                return null;
            if (node is JsonValue v && v.TryGetValue<string>(out var s))
                return s;
            // Label Studio ids are strings, but hand-written files sometimes use numbers.
            if (key is "id" or "parentID" && node is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
                return n.ToJsonString();
            throw Error($"{key} must be a string", field ?? key);
        }

        private double? OptionalDouble(JsonObject obj, string key, string field) =>
            obj.TryGetPropertyValue(key, out var node) && node is not null ? Number(node, field) : null;

        private int? OptionalInt(JsonObject obj, string key, string field)
        {
            if (OptionalDouble(obj, key, field) is not { } number)
                return null;
            if (number != Math.Floor(number) || number is > int.MaxValue or < int.MinValue)
                throw Error($"{key} must be a whole number, not {number.ToString(CultureInfo.InvariantCulture)}", field);
            return (int)number;
        }

        private double Number(JsonNode? node, string field)
        {
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                // Values parsed from text read as double directly; values built in code (int, long) go through their text.
                return v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
            }
            throw Error($"must be a number, not {node?.ToJsonString() ?? "null"}", field);
        }

        private BadInputException Error(string message, string field) => new(message, file, line, $"{path}.{field}");
    }
}
