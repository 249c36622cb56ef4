namespace Laoshi.Core.Schema;

/// <summary>What kind of data a field of an item holds.</summary>
public enum FieldKind { Text, Image, Audio }

/// <summary>A part of the item that controls refer to: Label Studio's object tags (Image, Text, Audio).</summary>
/// <param name="Name">The name controls use in toName.</param>
/// <param name="Value">The key in the item's data that holds it (Label Studio's "$key" without the dollar).</param>
public sealed record SchemaField(string Name, FieldKind Kind, string Value);

public sealed record SchemaLabel(
    string Value,
    string? Alias = null,
    string? Background = null,
    string? Hotkey = null,
    string? Description = null);

/// <summary>
/// Something an annotator can say about a field: Label Studio's control tags.
/// Type is one of choices, labels, rectanglelabels, polygonlabels, keypointlabels, textarea, rating.
/// </summary>
public sealed record SchemaControl(
    string Name,
    string Type,
    string ToName,
    IReadOnlyList<SchemaLabel> Labels,
    bool Multiple = false,
    bool PerRegion = false,
    bool Required = false,
    int? MaxRating = null,
    string? Hotkey = null,
    string? Description = null);

/// <summary>
/// The annotation rules of a project: its fields, its controls with their labels and hotkeys, and the
/// guideline annotators read. The schema is data; the workspace is drawn from it.
/// </summary>
public sealed record ProjectSchema(
    IReadOnlyList<SchemaField> Fields,
    IReadOnlyList<SchemaControl> Controls,
    string? Guideline = null)
{
    public SchemaField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
    public SchemaControl? Control(string name) => Controls.FirstOrDefault(c => c.Name == name);
}
