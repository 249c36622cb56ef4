using System.Xml;
using System.Xml.Linq;
using Laoshi.Core.Errors;

namespace Laoshi.Core.Schema;

/// <summary>
/// Label Studio's labeling config (XML) as a <see cref="ProjectSchema"/> and back, so that a Label Studio
/// user brings their config along and an export to Label Studio carries one.
/// Label Studio keeps the guideline outside the config (as the project's instructions), so
/// <see cref="Write"/> leaves it out and <see cref="Parse"/> takes it as an argument.
/// </summary>
public static class LabelStudioConfig
{
    /// <summary>
    /// Reads and validates a config; throws <see cref="BadInputException"/> listing every problem with its line
    /// and an XPath-like path such as "/View/Choices[1]/@toName" (and <paramref name="file"/>, when given).
    /// </summary>
    public static ProjectSchema Parse(string xml, string? guideline = null, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            return ParseText(xml, guideline);
        }
        catch (BadInputException e) when (file is not null)
        {
            throw e.InFile(file);
        }
    }

    private static ProjectSchema ParseText(string xml, string? guideline)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new BadInputException($"not valid XML: {e.Message}", line: e.LineNumber);
        }
        return new LabelStudioConfigReader().Read(document, guideline);
    }

    /// <summary>The schema as a Label Studio config: fields first, then controls, inside one View.</summary>
    public static string Write(ProjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var view = new XElement("View");
        foreach (var field in schema.Fields)
            view.Add(new XElement(FieldTag(field.Kind), new XAttribute("name", field.Name), new XAttribute("value", "$" + field.Value)));

        foreach (var control in schema.Controls)
        {
            var element = new XElement(LabelStudioTags.ControlTag(control.Type),
                new XAttribute("name", control.Name),
                new XAttribute("toName", control.ToName));
            if (control.Multiple) element.Add(new XAttribute("choice", "multiple"));
            if (control.PerRegion) element.Add(new XAttribute("perRegion", "true"));
            if (control.Required) element.Add(new XAttribute("required", "true"));
            if (control.MaxRating is { } maxRating) element.Add(new XAttribute("maxRating", maxRating));
            AddIfSet(element, "hotkey", control.Hotkey);
            AddIfSet(element, "hint", control.Description);
            var childTag = control.Type == ControlTypes.Choices ? "Choice" : "Label";
            foreach (var label in control.Labels)
            {
                var child = new XElement(childTag, new XAttribute("value", label.Value));
                AddIfSet(child, "alias", label.Alias);
                AddIfSet(child, "background", label.Background);
                AddIfSet(child, "hotkey", label.Hotkey);
                AddIfSet(child, "hint", label.Description);
                element.Add(child);
            }
            view.Add(element);
        }
        return view.ToString(SaveOptions.None);
    }

    private static string FieldTag(FieldKind kind) => kind switch
    {
        FieldKind.Image => "Image",
        FieldKind.Audio => "Audio",
        _ => "Text",
    };

    private static void AddIfSet(XElement element, string name, string? value)
    {
        if (value is not null) element.Add(new XAttribute(name, value));
    }
}
