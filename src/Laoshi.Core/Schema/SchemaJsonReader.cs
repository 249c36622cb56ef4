using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>
/// Turns the JSON form into a <see cref="ProjectSchema"/>, collecting every shape error with its JSON path
/// instead of stopping at the first, so that one attempt shows the user everything to fix.
/// </summary>
internal sealed class SchemaJsonReader
{
    private static readonly string[] SchemaProperties = ["fields", "controls", "guideline"];
    private static readonly string[] FieldProperties = ["name", "kind", "value"];
    private static readonly string[] ControlProperties =
        ["name", "type", "toName", "labels", "multiple", "perRegion", "required", "maxRating", "hotkey", "description"];
    private static readonly string[] LabelProperties = ["value", "alias", "background", "hotkey", "description"];

    private readonly List<InputError> _errors = [];

    public IReadOnlyList<InputError> Errors => _errors;

    public ProjectSchema? ReadSchema(JsonNode? node)
    {
        if (node is not JsonObject root)
        {
            Report("$", "a schema must be a JSON object with \"fields\" and \"controls\"");
            return null;
        }
        RejectUnknown(root, "$", SchemaProperties);
        var fields = ReadArray(root, "fields", "$", ReadField);
        var controls = ReadArray(root, "controls", "$", ReadControl);
        var guideline = ReadString(root, "guideline", "$", required: false);
        return new ProjectSchema(fields, controls, guideline);
    }

    private SchemaField ReadField(JsonObject json, string path)
    {
        RejectUnknown(json, path, FieldProperties);
        var name = ReadString(json, "name", path, required: true) ?? "";
        var kindName = ReadString(json, "kind", path, required: true);
        var kind = FieldKind.Text;
        if (kindName is not null)
        {
            if (FieldKinds.Parse(kindName) is { } parsed) kind = parsed;
            else Report($"{path}.kind", $"unknown field kind '{kindName}'; expected text, image or audio", name);
        }
        // A field shows the item data key of its own name unless told otherwise, as most schemas do.
        var value = ReadString(json, "value", path, required: false) ?? name;
        return new SchemaField(name, kind, value);
    }

    private SchemaControl ReadControl(JsonObject json, string path)
    {
        RejectUnknown(json, path, ControlProperties);
        var name = ReadString(json, "name", path, required: true) ?? "";
        var type = ReadString(json, "type", path, required: true)?.ToLowerInvariant() ?? "";
        var toName = ReadString(json, "toName", path, required: true) ?? "";
        var labels = json.ContainsKey("labels") ? ReadArray(json, "labels", path, ReadLabel) : [];
        var maxRating = ReadInt(json, "maxRating", path);
        // Same default as a Label Studio config, so that a schema reads the same in either form.
        if (type == ControlTypes.Rating) maxRating ??= ControlTypes.DefaultMaxRating;
        return new SchemaControl(
            name, type, toName, labels,
            Multiple: ReadBool(json, "multiple", path),
            PerRegion: ReadBool(json, "perRegion", path),
            Required: ReadBool(json, "required", path),
            MaxRating: maxRating,
            Hotkey: ReadString(json, "hotkey", path, required: false),
            Description: ReadString(json, "description", path, required: false));
    }

    private SchemaLabel ReadLabel(JsonObject json, string path)
    {
        RejectUnknown(json, path, LabelProperties);
        return new SchemaLabel(
            ReadString(json, "value", path, required: true) ?? "",
            ReadString(json, "alias", path, required: false),
            ReadString(json, "background", path, required: false),
            ReadString(json, "hotkey", path, required: false),
            ReadString(json, "description", path, required: false));
    }

    private List<T> ReadArray<T>(JsonObject parent, string key, string parentPath, Func<JsonObject, string, T> read)
    {
        var path = $"{parentPath}.{key}";
        var items = new List<T>();
        if (!parent.TryGetPropertyValue(key, out var node) || node is null)
        {
            Report(path, $"\"{key}\" is missing");
            return items;
        }
        if (node is not JsonArray array)
        {
            Report(path, $"\"{key}\" must be an array");
            return items;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (array[i] is JsonObject item) items.Add(read(item, itemPath));
            else Report(itemPath, "must be an object");
        }
        return items;
    }

    private string? ReadString(JsonObject json, string key, string path, bool required)
    {
        if (!json.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required) Report($"{path}.{key}", $"\"{key}\" is missing");
            return null;
        }
        if (node.GetValueKind() == JsonValueKind.String) return node.GetValue<string>();
        Report($"{path}.{key}", $"\"{key}\" must be a string, not {Describe(node)}");
        return null;
    }

    private bool ReadBool(JsonObject json, string key, string path)
    {
        if (!json.TryGetPropertyValue(key, out var node) || node is null) return false;
        switch (node.GetValueKind())
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            default:
                Report($"{path}.{key}", $"\"{key}\" must be true or false, not {Describe(node)}");
                return false;
        }
    }

    private int? ReadInt(JsonObject json, string key, string path)
    {
        if (!json.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (node is JsonValue value && value.TryGetValue<int>(out var number)) return number;
        if (node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is var d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            return (int)d;
        Report($"{path}.{key}", $"\"{key}\" must be a whole number, not {Describe(node)}");
        return null;
    }

    private void RejectUnknown(JsonObject json, string path, string[] known)
    {
        // A misspelt property ("toname", "per_region") would otherwise be silently ignored.
        foreach (var (key, _) in json)
            if (!known.Contains(key, StringComparer.Ordinal))
                Report($"{path}.{key}", $"unknown property \"{key}\"; expected one of {string.Join(", ", known)}");
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };

    private void Report(string path, string message, string? field = null) =>
        _errors.Add(new InputError(message, Path: path, Field: string.IsNullOrEmpty(field) ? null : field));
}
