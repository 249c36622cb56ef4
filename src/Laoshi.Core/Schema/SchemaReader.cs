using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>Reads a schema in whichever form the user brought: Laoshi schema JSON or a Label Studio config (XML).</summary>
public static class SchemaReader
{
    /// <summary>JSON when the text starts with '{', XML when it starts with '&lt;' (after white space and a byte-order mark).</summary>
    public static ProjectSchema Parse(string text, string? guideline = null, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.IsEmpty) throw new BadInputException("the schema is empty", file);
        return start[0] switch
        {
            '{' => WithGuideline(SchemaJson.Parse(text.TrimStart('\uFEFF'), file), guideline),
            '<' => LabelStudioConfig.Parse(text.TrimStart('\uFEFF'), guideline, file),
            _ => throw new BadInputException("a schema must be Laoshi schema JSON (starting with '{') or a Label Studio config (starting with '<View>')", file, line: 1),
        };
    }

    // A guideline given separately wins over none in the JSON, but never silently replaces one that is there.
    private static ProjectSchema WithGuideline(ProjectSchema schema, string? guideline) =>
        guideline is null || schema.Guideline is not null ? schema : schema with { Guideline = guideline };
}
