using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>
/// Laoshi's own JSON form of a <see cref="ProjectSchema"/> (camelCase):
/// <code>
/// {"fields":[{"name":"image","kind":"image","value":"image"}],
///  "controls":[{"name":"label","type":"rectanglelabels","toName":"image",
///               "labels":[{"value":"sofa","hotkey":"1","background":"#ff0000"}]}],
///  "guideline":"# Markdown"}
/// </code>
/// Optional properties are left out when they hold their default (false, null, no labels).
/// </summary>
public static class SchemaJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Chinese label names stay readable in the file rather than becoming \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads and validates a schema; throws <see cref="BadInputException"/> listing every problem with its JSON path
    /// (and <paramref name="file"/>, when given).
    /// </summary>
    public static ProjectSchema Parse(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return ParseText(json);
        }
        catch (BadInputException e) when (file is not null)
        {
            throw e.InFile(file);
        }
    }

    private static ProjectSchema ParseText(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new BadInputException($"not valid JSON: {e.Message}", line: e.LineNumber + 1, path: e.Path);
        }
        return Read(node);
    }

    /// <summary>Reads and validates a schema already parsed as JSON (e.g. stored in a database column).</summary>
    public static ProjectSchema Read(JsonNode? node)
    {
        var reader = new SchemaJsonReader();
        var schema = reader.ReadSchema(node);
        var errors = new List<InputError>(reader.Errors);
        // Semantic checks only make sense on a schema whose shape was readable.
        if (schema is not null && errors.Count == 0)
            errors.AddRange(SchemaValidator.Validate(schema));
        if (errors.Count > 0 || schema is null)
            throw new BadInputException(errors);
        return schema;
    }

    /// <summary>The schema as indented JSON text.</summary>
    public static string Write(ProjectSchema schema) => ToJson(schema).ToJsonString(Indented);

    /// <summary>The schema as a JSON object.</summary>
    public static JsonObject ToJson(ProjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new JsonArray();
        foreach (var field in schema.Fields)
            fields.Add(new JsonObject
            {
                ["name"] = field.Name,
                ["kind"] = FieldKinds.Name(field.Kind),
                ["value"] = field.Value,
            });

        var controls = new JsonArray();
        foreach (var control in schema.Controls)
        {
            var json = new JsonObject
            {
                ["name"] = control.Name,
                ["type"] = control.Type,
                ["toName"] = control.ToName,
            };
            if (control.Labels.Count > 0)
            {
                var labels = new JsonArray();
                foreach (var label in control.Labels)
                {
                    var labelJson = new JsonObject { ["value"] = label.Value };
                    AddIfSet(labelJson, "alias", label.Alias);
                    AddIfSet(labelJson, "background", label.Background);
                    AddIfSet(labelJson, "hotkey", label.Hotkey);
                    AddIfSet(labelJson, "description", label.Description);
                    labels.Add(labelJson);
                }
                json["labels"] = labels;
            }
            if (control.Multiple) json["multiple"] = true;
            if (control.PerRegion) json["perRegion"] = true;
            if (control.Required) json["required"] = true;
            if (control.MaxRating is { } maxRating) json["maxRating"] = maxRating;
            AddIfSet(json, "hotkey", control.Hotkey);
            AddIfSet(json, "description", control.Description);
            controls.Add(json);
        }

        var result = new JsonObject { ["fields"] = fields, ["controls"] = controls };
        AddIfSet(result, "guideline", schema.Guideline);
        return result;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null) json[name] = value;
    }
}
