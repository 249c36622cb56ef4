using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Training;

/// <summary>
/// Reads the JSONL data files of `laoshi simulate` and `laoshi label-errors`: one {"id": ..., "text": ..., "label": ...}
/// a line (image or audio paths instead of text; "label" a string, or an array of strings for multi-label). "id" is
/// optional (else the 0-based line number). A malformed line is an error naming the file, the line and the field.
/// </summary>
public static class TrainingFile
{
    public static readonly IReadOnlyList<string> DataFields = ["text", "image", "audio"];

    public static async Task<TrainingSet> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new BadInputException($"no such file: {path}", file: path);
        var examples = new List<TrainingExample>();
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? dataField = null;
        var multiLabel = false;
        var lineNumber = 0L;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject row;
            try
            {
                row = JsonNode.Parse(line) as JsonObject ?? throw new BadInputException("each line must be a JSON object", file: path, line: lineNumber);
            }
            catch (JsonException e)
            {
                throw new BadInputException($"not valid JSON: {e.Message}", file: path, line: lineNumber);
            }
            var field = DataFields.FirstOrDefault(row.ContainsKey)
                ?? throw new BadInputException("the line has none of the data fields text, image, audio", file: path, line: lineNumber, field: "text");
            dataField ??= field;
            if (field != dataField)
                throw new BadInputException($"this line gives '{field}' but earlier lines give '{dataField}'", file: path, line: lineNumber, field: field);
            if (row[field] is not JsonValue value || !value.TryGetValue<string>(out var data))
                throw new BadInputException($"'{field}' must be a string", file: path, line: lineNumber, field: field);
            var labels = Labels(row["label"], path, lineNumber);
            multiLabel |= row["label"] is JsonArray;
            var id = row["id"] switch
            {
                null => (lineNumber - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonValue v when v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => v.ToString(),
                _ => throw new BadInputException("'id' must be a string or a number", file: path, line: lineNumber, field: "id"),
            };
            if (!ids.Add(id)) throw new BadInputException($"the id '{id}' appears twice", file: path, line: lineNumber, field: "id");
            foreach (var label in labels) classes.Add(label);
            examples.Add(new TrainingExample(id, new JsonObject { [field] = data }, labels));
        }
        if (examples.Count == 0) throw new BadInputException("the file has no examples", file: path);
        if (classes.Count < 2) throw new BadInputException("the file's labels must name at least two classes", file: path, field: "label");
        return new TrainingSet(examples, [.. classes], multiLabel, dataField!, new ModelTarget("label", dataField!));
    }

    private static IReadOnlyList<string> Labels(JsonNode? node, string path, long line) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => [s],
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [v.ToString()],
        JsonArray a => [.. a.Select((x, i) => x is JsonValue e && e.TryGetValue<string>(out var s) && s.Length > 0
            ? s : throw new BadInputException($"label[{i}] must be a non-empty string", file: path, line: line, field: "label"))],
        null => throw new BadInputException("the line has no 'label'", file: path, line: line, field: "label"),
        _ => throw new BadInputException("'label' must be a string, or an array of strings for multi-label", file: path, line: line, field: "label"),
    };
}
