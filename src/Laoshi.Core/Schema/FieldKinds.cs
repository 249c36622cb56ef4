namespace Laoshi.Core.Schema;

/// <summary>The names of <see cref="FieldKind"/> in the schema's JSON form.</summary>
public static class FieldKinds
{
    public static string Name(FieldKind kind) => kind switch
    {
        FieldKind.Text => "text",
        FieldKind.Image => "image",
        FieldKind.Audio => "audio",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown field kind"),
    };

    /// <summary>The kind for a name (any case), or null when the name is not a kind.</summary>
    public static FieldKind? Parse(string name) => name.ToLowerInvariant() switch
    {
        "text" => FieldKind.Text,
        "image" => FieldKind.Image,
        "audio" => FieldKind.Audio,
        _ => null,
    };
}
