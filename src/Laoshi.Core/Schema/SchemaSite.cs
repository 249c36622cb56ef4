namespace Laoshi.Core.Schema;

/// <summary>
/// Where in a schema an error lies, independent of the form the schema was read from, so that a JSON
/// schema can report a JSON path and a Label Studio config a line number.
/// </summary>
/// <param name="Section">"fields" or "controls"; null for the schema as a whole.</param>
/// <param name="Index">Index of the field or control in its section.</param>
/// <param name="LabelIndex">Index of the label inside the control, when the error is about one label.</param>
/// <param name="Property">The property at fault (camelCase, as the JSON form names it).</param>
public sealed record SchemaSite(string? Section, int? Index = null, int? LabelIndex = null, string? Property = null)
{
    public const string Fields = "fields";
    public const string Controls = "controls";

    /// <summary>The JSON path of this site in the Laoshi schema JSON form, e.g. "$.controls[1].labels[0].hotkey".</summary>
    public string JsonPath
    {
        get
        {
            var path = "$";
            if (Section is not null) path += $".{Section}";
            if (Index is not null) path += $"[{Index}]";
            if (LabelIndex is not null) path += $".labels[{LabelIndex}]";
            if (Property is not null) path += $".{Property}";
            return path;
        }
    }
}
