using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>
/// Checks that a schema can be used to annotate: every control points at a field it can work on,
/// names are unique, label lists are not empty and no hotkey does two things.
/// </summary>
public static class SchemaValidator
{
    /// <summary>All problems of the schema, each located by its JSON path in the Laoshi schema JSON form.</summary>
    public static IReadOnlyList<InputError> Validate(ProjectSchema schema) =>
        Validate(schema, (site, message, field) => new InputError(message, Path: site.JsonPath, Field: field));

    /// <summary>All problems of the schema, each located by <paramref name="locate"/> (e.g. as a line of an XML config).</summary>
    public static IReadOnlyList<InputError> Validate(ProjectSchema schema, Func<SchemaSite, string, string?, InputError> locate)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<InputError>();
        void Report(SchemaSite site, string message, string? field) => errors.Add(locate(site, message, field));

        if (schema.Fields.Count == 0)
            Report(new SchemaSite(SchemaSite.Fields), "the schema has no fields: add an image, text or audio field", null);
        if (schema.Controls.Count == 0)
            Report(new SchemaSite(SchemaSite.Controls), "the schema has no controls: add choices, labels, a text area or a rating", null);

        // Label Studio names every tag in one namespace: a control and a field may not share a name either.
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            if (string.IsNullOrWhiteSpace(field.Name))
                Report(new SchemaSite(SchemaSite.Fields, i, Property: "name"), "field name is empty", null);
            else if (!names.Add(field.Name))
                Report(new SchemaSite(SchemaSite.Fields, i, Property: "name"), $"name '{field.Name}' is used twice", field.Name);
            if (string.IsNullOrWhiteSpace(field.Value))
                Report(new SchemaSite(SchemaSite.Fields, i, Property: "value"), "field value (the item data key it shows) is empty", NullIfBlank(field.Name));
            if (!Enum.IsDefined(field.Kind))
                Report(new SchemaSite(SchemaSite.Fields, i, Property: "kind"), $"unknown field kind {(int)field.Kind}", NullIfBlank(field.Name));
        }

        var hotkeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void CheckHotkey(string? hotkey, string owner, SchemaSite site, string? field)
        {
            if (hotkey is null) return;
            if (string.IsNullOrWhiteSpace(hotkey))
                Report(site, $"hotkey of {owner} is empty", field);
            else if (hotkeys.TryGetValue(hotkey, out var first))
                Report(site, $"hotkey '{hotkey}' of {owner} is already used by {first}", field);
            else
                hotkeys[hotkey] = owner;
        }

        for (var i = 0; i < schema.Controls.Count; i++)
        {
            var control = schema.Controls[i];
            var name = NullIfBlank(control.Name);
            SchemaSite At(string property) => new(SchemaSite.Controls, i, Property: property);

            if (name is null)
                Report(At("name"), "control name is empty", null);
            else if (!names.Add(control.Name))
                Report(At("name"), $"name '{control.Name}' is used twice", name);

            var knownType = ControlTypes.IsKnown(control.Type);
            if (!knownType)
                Report(At("type"), $"unknown control type '{control.Type}'; expected one of {string.Join(", ", ControlTypes.All)}", name);

            var target = string.IsNullOrWhiteSpace(control.ToName) ? null : schema.Field(control.ToName);
            if (string.IsNullOrWhiteSpace(control.ToName))
                Report(At("toName"), "toName is empty: name the field this control describes", name);
            else if (target is null)
                Report(At("toName"), $"toName '{control.ToName}' names no field; fields are: {string.Join(", ", schema.Fields.Select(f => f.Name))}", name);
            else if (knownType && !ControlTypes.FieldKindsFor(control.Type).Contains(target.Kind))
                Report(At("toName"), $"a {control.Type} control cannot describe the {target.Kind.ToString().ToLowerInvariant()} field '{target.Name}'; it needs {string.Join(" or ", ControlTypes.FieldKindsFor(control.Type).Select(k => k.ToString().ToLowerInvariant()))}", name);

            if (knownType && ControlTypes.HasLabels(control.Type) && control.Labels.Count == 0)
                Report(At("labels"), $"a {control.Type} control needs at least one label", name);
            if (knownType && !ControlTypes.HasLabels(control.Type) && control.Labels.Count > 0)
                Report(At("labels"), $"a {control.Type} control takes no labels", name);
            if (control.PerRegion && knownType && !ControlTypes.CanBePerRegion(control.Type))
                Report(At("perRegion"), $"perRegion applies only to choices, textarea and rating, not to {control.Type}", name);
            if (control.MaxRating is not null && control.Type != ControlTypes.Rating)
                Report(At("maxRating"), $"maxRating applies only to rating, not to {control.Type}", name);
            if (control.MaxRating is < 1)
                Report(At("maxRating"), $"maxRating must be at least 1, not {control.MaxRating}", name);

            CheckHotkey(control.Hotkey, $"control '{control.Name}'", At("hotkey"), name);

            var values = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < control.Labels.Count; j++)
            {
                var label = control.Labels[j];
                SchemaSite LabelAt(string property) => new(SchemaSite.Controls, i, j, property);
                if (string.IsNullOrWhiteSpace(label.Value))
                    Report(LabelAt("value"), "label value is empty", name);
                else if (!values.Add(label.Value))
                    Report(LabelAt("value"), $"label '{label.Value}' appears twice", name);
                if (label.Alias is not null && label.Alias != label.Value && !values.Add(label.Alias))
                    Report(LabelAt("alias"), $"alias '{label.Alias}' is already a label or alias of this control", name);
                CheckHotkey(label.Hotkey, $"label '{label.Value}' of '{control.Name}'", LabelAt("hotkey"), name);
            }
        }
        return errors;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
