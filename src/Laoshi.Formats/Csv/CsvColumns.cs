using Laoshi.Core.Regions;
using Laoshi.Core.Schema;

namespace Laoshi.Formats.Csv;

/// <summary>
/// The CSV convention shared by the csv reader and writer. A column named after a control holds that control's
/// whole-item answer; every other column is a data key.
/// <list type="bullet">
/// <item>choices: the chosen labels, separated by ';' when the control allows several ("pos;funny");</item>
/// <item>rating: the number ("4");</item>
/// <item>textarea: the text, lines separated by newlines;</item>
/// <item>labels over a text field: the spans as a JSON array of Label Studio values
/// ([{"start":0,"end":5,"text":"Alice","labels":["PER"]}]).</item>
/// </list>
/// Image regions do not fit in a cell; use jsonl, labelstudio, COCO, YOLO or VOC for them.
/// </summary>
public static class CsvColumns
{
    public const char ChoiceSeparator = ';';

    /// <summary>The controls whose answers travel in a column of their own, in schema order.</summary>
    public static IReadOnlyList<SchemaControl> AnswerControls(ProjectSchema schema) =>
        [.. schema.Controls.Where(c => IsAnswerColumn(c, schema))];

    public static bool IsAnswerColumn(SchemaControl control, ProjectSchema schema) =>
        !control.PerRegion && control.Type switch
        {
            RegionTypes.Choices or RegionTypes.Rating or RegionTypes.TextArea => true,
            RegionTypes.Labels => schema.Field(control.ToName)?.Kind == FieldKind.Text,
            _ => false,
        };
}
