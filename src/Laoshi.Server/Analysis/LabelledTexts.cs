using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Server.Analysis;

/// <summary>One text that says something about a label: an item's text under a class chosen for it, or a span's own text.</summary>
public sealed record LabelledText(long Item, string Label, string Text);

/// <summary>
/// What text belongs to which label in one exported item: a choices answer puts the text of the field it refers to
/// (or, for a control on an image or audio field, nothing) under each chosen class; a span (labels on a text field)
/// puts its covered text under its label. Each (label, text) pair counts once per item, however many people chose it.
/// </summary>
public static class LabelledTexts
{
    public static IReadOnlyList<LabelledText> Of(ExportItem item, ProjectSchema schema)
    {
        var result = new List<LabelledText>();
        var seen = new HashSet<(string, string)>();
        foreach (var answer in item.Annotations)
        {
            foreach (var region in answer.Result)
            {
                if (region.Labels.Count == 0) continue;
                var text = region.Type switch
                {
                    RegionTypes.Choices when region.ParentId is null => FieldText(item.Data, schema, region.ToName),
                    RegionTypes.Labels => SpanText(item.Data, schema, region),
                    _ => null,
                };
                if (string.IsNullOrWhiteSpace(text)) continue;
                foreach (var label in region.Labels)
                {
                    if (seen.Add((label, text))) result.Add(new LabelledText(item.Id, label, text));
                }
            }
        }
        return result;
    }

    /// <summary>The string value of a text field, or null when the field is not text or holds no string.</summary>
    public static string? FieldText(JsonObject data, ProjectSchema schema, string fieldName)
    {
        var field = schema.Field(fieldName);
        if (field is null || field.Kind != FieldKind.Text) return null;
        return data[field.Value] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static string? SpanText(JsonObject data, ProjectSchema schema, Region region)
    {
        if (region.Text is { Length: > 0 } covered) return covered;
        var whole = FieldText(data, schema, region.ToName);
        if (whole is null || region.Start is not { } start || region.End is not { } end) return null;
        return start >= 0 && end <= whole.Length && start < end ? whole[start..end] : null;
    }
}
