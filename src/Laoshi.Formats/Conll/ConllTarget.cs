using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;

namespace Laoshi.Formats.Conll;

/// <summary>The labels control CoNLL tags belong to, and the text field it marks.</summary>
public sealed record ConllTarget(SchemaControl Control, SchemaField Field)
{
    /// <exception cref="BadInputException">The schema has no labels control over a text field.</exception>
    public static ConllTarget From(ProjectSchema schema, string? file = null)
    {
        foreach (var control in schema.Controls.Where(c => c.Type == RegionTypes.Labels))
        {
            if (schema.Field(control.ToName) is { Kind: FieldKind.Text } field)
                return new ConllTarget(control, field);
        }
        throw new BadInputException("CoNLL needs a labels control over a text field in the schema, and there is none", file);
    }
}
