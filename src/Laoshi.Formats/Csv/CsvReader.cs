using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.LabelStudio;

namespace Laoshi.Formats.Csv;

/// <summary>
/// CSV (RFC 4180; tab-separated when the name ends in .tsv). The header row names the data keys; a column named
/// after a choices, rating, textarea or text labels control becomes that control's answer (see <see cref="CsvColumns"/>).
/// </summary>
public sealed class CsvReader : IImportReader
{
    public string Name => "csv";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = source.Name;
        var delimiter = file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        await using var stream = source.Open();
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var records = new CsvRecordReader(text, delimiter);

        var header = await records.ReadAsync(cancellationToken);
        while (header is { IsBlank: true })
            header = await records.ReadAsync(cancellationToken);
        if (header is null)
        {
            yield return new BadRow(new InputError("the file is empty: expected a header row naming the columns", file, 1));
            yield break;
        }
        var headerError = CheckHeader(header, schema, file);
        if (headerError is not null)
        {
            yield return new BadRow(headerError);
            yield break;
        }
        var columns = header.Fields.Select(name => schema.Control(name) is { } c && CsvColumns.IsAnswerColumn(c, schema) ? c : null).ToArray();

        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            if (record.IsBlank)
                continue;
            yield return ReadRecord(record, header.Fields, columns, schema, file);
        }
    }

    private static InputError? CheckHeader(CsvRecord header, ProjectSchema schema, string file)
    {
        if (header.Error is not null)
            return new InputError(header.Error, file, header.Line, Field: $"column {header.ErrorField}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i];
            if (name.Length == 0)
                return new InputError($"column {i + 1} has no name in the header row", file, header.Line, Field: $"column {i + 1}");
            if (!seen.Add(name))
                return new InputError($"column '{name}' appears twice in the header row", file, header.Line, Field: name);
        }
        foreach (var field in schema.Fields)
        {
            if (!seen.Contains(field.Value))
                return new InputError($"no column '{field.Value}', which the schema's field '{field.Name}' shows", file, header.Line, Field: field.Value);
        }
        return null;
    }

    private static ImportRow ReadRecord(CsvRecord record, IReadOnlyList<string> names, SchemaControl?[] controls, ProjectSchema schema, string file)
    {
        if (record.Error is not null)
        {
            var field = record.ErrorField is { } n && n <= names.Count ? names[n - 1] : $"column {record.ErrorField}";
            return new BadRow(new InputError(record.Error, file, record.Line, Field: field));
        }
        if (record.Fields.Count != names.Count)
            return new BadRow(new InputError($"expected {names.Count} fields as in the header row, found {record.Fields.Count}", file, record.Line));

        var data = new JsonObject();
        var regions = new List<Region>();
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                var cell = record.Fields[i];
                if (controls[i] is { } control)
                    regions.AddRange(ReadAnswer(control, cell, schema, file, record.Line));
                else
                    data[names[i]] = cell;
            }
        }
        catch (BadInputException e)
        {
            return new BadRow(e.Errors[0]);
        }

        var where = new InputError("item", file, record.Line);
        IReadOnlyList<ImportedAnswer> annotations = regions.Count == 0 ? [] : [new ImportedAnswer(regions)];
        return new GoodRow(new ImportedItem(data, annotations, [], [], where));
    }

    private static IEnumerable<Region> ReadAnswer(SchemaControl control, string cell, ProjectSchema schema, string file, long line)
    {
        if (string.IsNullOrWhiteSpace(cell))
            return [];
        var region = new Region { Id = control.Name, FromName = control.Name, ToName = control.ToName, Type = control.Type };
        switch (control.Type)
        {
            case RegionTypes.Choices:
                var choices = control.Multiple
                    ? cell.Split(CsvColumns.ChoiceSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [cell.Trim()];
                foreach (var choice in choices)
                {
                    if (control.Labels.Count > 0 && !control.Labels.Any(l => l.Value == choice || l.Alias == choice))
                        throw new BadInputException(
                            $"'{choice}' is not a choice of '{control.Name}' (expected {string.Join(", ", control.Labels.Select(l => l.Value))})",
                            file, line, field: control.Name);
                }
                return [region with { Labels = choices }];
            case RegionTypes.Rating:
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
                    throw new BadInputException($"'{cell}' is not a number", file, line, field: control.Name);
                if (rating < 0 || rating > control.MaxRating)
                    throw new BadInputException($"rating {cell} is outside 0..{control.MaxRating}", file, line, field: control.Name);
                return [region with { Rating = rating }];
            case RegionTypes.TextArea:
                return [region with { TextLines = cell.ReplaceLineEndings("\n").Split('\n') }];
            default:
                return ReadSpans(control, cell, schema, file, line);
        }
    }

    // Spans are Label Studio values; wrapping each in a result entry reuses all of the result checks.
    private static IReadOnlyList<Region> ReadSpans(SchemaControl control, string cell, ProjectSchema schema, string file, long line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(cell);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"spans must be a JSON array: {e.Message}", file, line, field: control.Name);
        }
        if (node is not JsonArray spans)
            throw new BadInputException("spans must be a JSON array of {\"start\", \"end\", \"labels\"} objects", file, line, field: control.Name);

        var entries = new JsonArray();
        foreach (var span in spans)
        {
            var value = span?.DeepClone();
            var id = value is JsonObject o && o.Remove("id", out var idNode) ? idNode : null;
            var entry = new JsonObject { ["value"] = value, ["from_name"] = control.Name, ["to_name"] = control.ToName, ["type"] = control.Type };
            if (id is not null) entry["id"] = id;
            entries.Add(entry);
        }
        return LabelStudioResults.FromJson(entries, schema, file, line, control.Name);
    }
}
