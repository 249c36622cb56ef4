using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>
/// Walks a Label Studio config, remembering the element each field, control and label came from so that
/// every error (of shape here, or of meaning from <see cref="SchemaValidator"/>) points at a line.
/// </summary>
internal sealed class LabelStudioConfigReader
{
    private readonly List<InputError> _errors = [];
    private readonly List<SchemaField> _fields = [];
    private readonly List<XElement> _fieldElements = [];
    private readonly List<SchemaControl> _controls = [];
    private readonly List<XElement> _controlElements = [];
    private readonly List<List<XElement>> _labelElements = [];

    public ProjectSchema Read(XDocument document, string? guideline)
    {
        var root = document.Root!;
        if (!root.Name.LocalName.Equals("View", StringComparison.OrdinalIgnoreCase))
            Report(root, null, $"the config must start with <View>, not <{root.Name.LocalName}>", null);
        else
            ReadChildren(root);

        var schema = new ProjectSchema(_fields, _controls, guideline);
        if (_errors.Count == 0)
            _errors.AddRange(SchemaValidator.Validate(schema, Locate));
        if (_errors.Count > 0)
            throw new BadInputException(_errors);
        return schema;
    }

    private void ReadChildren(XElement parent)
    {
        foreach (var element in parent.Elements())
        {
            var tag = element.Name.LocalName;
            if (LabelStudioTags.Containers.Contains(tag))
                ReadChildren(element);
            else if (LabelStudioTags.Visual.Contains(tag))
                continue;
            else if (LabelStudioTags.FieldKind(tag) is { } kind)
                ReadField(element, kind);
            else if (LabelStudioTags.ControlType(tag) is { } type)
                ReadControl(element, type);
            else if (tag.Equals("Choice", StringComparison.OrdinalIgnoreCase) || tag.Equals("Label", StringComparison.OrdinalIgnoreCase))
                Report(element, null, $"<{tag}> must stand inside a control such as <Choices> or <Labels>", Attr(element, "value"));
            else if (LabelStudioTags.Unsupported.Contains(tag))
                Report(element, null, $"the Label Studio tag <{tag}> is not supported by Laoshi", Attr(element, "name"));
            else
                Report(element, null, $"unknown tag <{tag}>", Attr(element, "name"));
        }
    }

    private void ReadField(XElement element, FieldKind kind)
    {
        var name = Attr(element, "name") ?? "";
        var value = Attr(element, "value");
        string key;
        if (value is null)
        {
            Report(element, "value", $"<{element.Name.LocalName}> needs value=\"$key\" naming the item data it shows", NullIfEmpty(name));
            key = name;
        }
        else if (!value.StartsWith('$') || value.Length == 1)
        {
            // A literal value (a fixed URL or text) shows the same thing for every item; Laoshi fields are item data.
            Report(element, "value", $"value \"{value}\" must name an item data key as \"$key\"", NullIfEmpty(name));
            key = name;
        }
        else
        {
            key = value[1..];
        }
        _fields.Add(new SchemaField(name, kind, key));
        _fieldElements.Add(element);
    }

    private void ReadControl(XElement element, string type)
    {
        var name = Attr(element, "name") ?? "";
        var field = NullIfEmpty(name);
        var toName = Attr(element, "toName") ?? "";
        if (toName.Contains(','))
            Report(element, "toName", $"toName \"{toName}\" names several fields; Laoshi controls describe one field each", field);

        var multiple = false;
        if (Attr(element, "choice") is { } choice)
        {
            multiple = choice.ToLowerInvariant() switch
            {
                "multiple" => true,
                "single" or "single-radio" => false,
                _ => Fail(element, "choice", $"choice=\"{choice}\" must be single, single-radio or multiple", field),
            };
        }

        int? maxRating = null;
        if (type == ControlTypes.Rating)
        {
            maxRating = ControlTypes.DefaultMaxRating;
            if (Attr(element, "maxRating") is { } text)
            {
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) maxRating = parsed;
                else Report(element, "maxRating", $"maxRating=\"{text}\" must be a whole number", field);
            }
        }

        var labels = new List<SchemaLabel>();
        var labelElements = new List<XElement>();
        var childTag = type == ControlTypes.Choices ? "Choice" : "Label";
        ReadLabels(element, type, childTag, labels, labelElements, field);

        _controls.Add(new SchemaControl(
            name, type, toName, labels,
            Multiple: multiple,
            PerRegion: ReadBool(element, "perRegion", field),
            Required: ReadBool(element, "required", field),
            MaxRating: maxRating,
            Hotkey: Attr(element, "hotkey"),
            Description: Attr(element, "hint")));
        _controlElements.Add(element);
        _labelElements.Add(labelElements);
    }

    private void ReadLabels(XElement parent, string type, string childTag, List<SchemaLabel> labels, List<XElement> elements, string? field)
    {
        foreach (var child in parent.Elements())
        {
            var tag = child.Name.LocalName;
            if (tag.Equals(childTag, StringComparison.OrdinalIgnoreCase) && ControlTypes.HasLabels(type))
            {
                var value = Attr(child, "value");
                if (value is null) Report(child, "value", $"<{tag}> needs a value", field);
                labels.Add(new SchemaLabel(value ?? "", Attr(child, "alias"), Attr(child, "background"), Attr(child, "hotkey"), Attr(child, "hint")));
                elements.Add(child);
            }
            else if (LabelStudioTags.Containers.Contains(tag))
                ReadLabels(child, type, childTag, labels, elements, field);
            else if (LabelStudioTags.Visual.Contains(tag))
                continue;
            else
                Report(child, null, $"<{parent.Name.LocalName}> cannot hold <{tag}>" + (ControlTypes.HasLabels(type) ? $"; its labels are <{childTag}> tags" : ""), field);
        }
    }

    private bool ReadBool(XElement element, string attribute, string? field)
    {
        var text = Attr(element, attribute);
        if (text is null) return false;
        if (bool.TryParse(text, out var value)) return value;
        Report(element, attribute, $"{attribute}=\"{text}\" must be true or false", field);
        return false;
    }

    private bool Fail(XElement element, string attribute, string message, string? field)
    {
        Report(element, attribute, message, field);
        return false;
    }

    private InputError Locate(SchemaSite site, string message, string? field)
    {
        XElement? element = site switch
        {
            { Section: SchemaSite.Fields, Index: { } i } => _fieldElements[i],
            { Section: SchemaSite.Controls, Index: { } i, LabelIndex: { } j } => _labelElements[i][j],
            { Section: SchemaSite.Controls, Index: { } i } => _controlElements[i],
            _ => null,
        };
        var attribute = site.Property switch
        {
            null or "type" or "kind" or "labels" => null,
            "multiple" => "choice",
            "description" => "hint",
            var property => property,
        };
        return element is null ? new InputError(message, Field: field) : Error(element, attribute, message, field);
    }

    private void Report(XElement element, string? attribute, string message, string? field) =>
        _errors.Add(Error(element, attribute, message, field));

    private static InputError Error(XElement element, string? attribute, string message, string? field)
    {
        var line = ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : (long?)null;
        var path = PathOf(element) + (attribute is null ? "" : $"/@{attribute}");
        return new InputError(message, Line: line, Path: path, Field: field);
    }

    /// <summary>An XPath to the element ("/View/View[2]/Choices[1]") that finds it even when lines are long.</summary>
    private static string PathOf(XElement element)
    {
        var steps = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            if (e.Parent is null) steps.Push(e.Name.LocalName);
            else steps.Push($"{e.Name.LocalName}[{e.ElementsBeforeSelf(e.Name).Count() + 1}]");
        }
        return "/" + string.Join("/", steps);
    }

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
