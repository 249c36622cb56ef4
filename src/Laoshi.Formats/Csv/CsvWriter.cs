using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.LabelStudio;

namespace Laoshi.Formats.Csv;

/// <summary>
/// CSV export that the csv reader reads back (see <see cref="CsvColumns"/>): the data keys (the schema's fields
/// first, then the first item's other keys), then one column per whole-item control holding the first annotation's
/// answer. UTF-8 with a byte order mark, so spreadsheets show Chinese text correctly; CRLF line ends as RFC 4180 says.
/// Keys that only later items have are not written; string values are written as they are, others as JSON.
/// </summary>
public sealed class CsvWriter : IExportWriter
{
    public string Name => "csv";
    public bool MultiFile => false;
    public string DefaultFileName => "export.csv";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        await using var stream = sink.Create(DefaultFileName);
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        var controls = CsvColumns.AnswerControls(schema);
        var controlNames = controls.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var row = new StringBuilder();
        List<string>? dataKeys = null;

        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (dataKeys is null)
            {
                dataKeys = DataKeys(schema, item, controlNames);
                WriteRow(row, [.. dataKeys, .. controls.Select(c => c.Name)]);
                await text.WriteAsync(row, cancellationToken);
            }
            var answer = item.Annotations.Count > 0 ? item.Annotations[0].Result : [];
            WriteRow(row, [.. dataKeys.Select(k => Cell(item.Data[k])), .. controls.Select(c => AnswerCell(c, answer))]);
            await text.WriteAsync(row, cancellationToken);
        }
        if (dataKeys is null)
        {
            WriteRow(row, [.. DataKeys(schema, null, controlNames), .. controls.Select(c => c.Name)]);
            await text.WriteAsync(row, cancellationToken);
        }
    }

    private static List<string> DataKeys(ProjectSchema schema, ExportItem? first, HashSet<string> controlNames)
    {
        var keys = schema.Fields.Select(f => f.Value).Distinct().ToList();
        if (first is not null)
            keys.AddRange(first.Data.Select(p => p.Key).Where(k => !keys.Contains(k)));
        // A data key named like a control would read back as an answer; the control's column wins.
        keys.RemoveAll(controlNames.Contains);
        return keys;
    }

    private static string Cell(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string AnswerCell(SchemaControl control, IReadOnlyList<Region> answer)
    {
        var regions = answer.Where(r => r.FromName == control.Name).ToList();
        return control.Type switch
        {
            RegionTypes.Choices => string.Join(CsvColumns.ChoiceSeparator, regions.SelectMany(r => r.Labels).Distinct()),
            RegionTypes.Rating => regions.FirstOrDefault(r => r.Rating is not null)?.Rating?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            RegionTypes.TextArea => string.Join('\n', regions.Where(IsWholeItem).SelectMany(r => r.TextLines ?? [])),
            _ => regions.Count == 0 ? "" : new JsonArray([.. LabelStudioResults.ToJson(regions).Select(r => r!["value"]!.DeepClone())]).ToJsonString(),
        };
    }

    private static bool IsWholeItem(Region r) => r.Start is null && r.StartTime is null && r.X is null && r.Points is null;

    private static void WriteRow(StringBuilder row, IEnumerable<string> cells)
    {
        row.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) row.Append(',');
            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                row.Append(cell);
                continue;
            }
            row.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }
        row.Append("\r\n");
    }
}
