using System.Globalization;
using System.Text;
using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Quality;

/// <summary>
/// Reads ratings from JSON lines, one {"item": ..., "annotator": ..., "label": ...} a line (item and annotator strings
/// or numbers, label a string or a number), streaming. Any bad line is an error naming the file, the line and the field.
/// </summary>
public static class RatingFile
{
    public static async Task<RatingTable> ReadAsync(string path, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new BadInputException($"no such file: {path}", name);
        var builder = new RatingTableBuilder();
        var lines = new List<long>();
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        long number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Add(builder, line, name, number);
            lines.Add(number);
        }
        if (builder.Count == 0) throw new BadInputException("the file holds no ratings; expected one {\"item\", \"annotator\", \"label\"} a line", name);
        try
        {
            return builder.Build();
        }
        catch (DuplicateRatingException e)
        {
            throw new BadInputException(
                $"annotator '{e.Annotator}' labelled item '{e.Item}' again (first on line {lines[e.FirstPosition]}); one label per annotator per item",
                name, lines[e.SecondPosition], field: "annotator");
        }
    }

    private static void Add(RatingTableBuilder builder, string line, string file, long number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"not valid JSON: {e.Message}", file, number);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BadInputException("expected a JSON object {\"item\", \"annotator\", \"label\"}", file, number);
            var item = Key(root, "item", file, number);
            var annotator = Key(root, "annotator", file, number);
            if (!root.TryGetProperty("label", out var label)) throw new BadInputException("missing", file, number, field: "label");
            switch (label.ValueKind)
            {
                case JsonValueKind.String when label.GetString() is { Length: > 0 } text:
                    builder.Add(item, annotator, text);
                    break;
                case JsonValueKind.Number when label.TryGetDouble(out var value) && double.IsFinite(value):
                    builder.Add(item, annotator, value);
                    break;
                default:
                    throw new BadInputException($"must be a non-empty string or a number, not {Describe(label)}", file, number, field: "label");
            }
        }
    }

    private static string Key(JsonElement root, string field, string file, long number)
    {
        if (!root.TryGetProperty(field, out var value)) throw new BadInputException("missing", file, number, field: field);
        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new BadInputException($"must be a non-empty string or a number, not {Describe(value)}", file, number, field: field),
        };
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "an empty string",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };

    /// <summary>Writes consensus labels as JSON lines {"item", "label", "confidence"}; numeric labels stay numbers.</summary>
    public static async Task WriteConsensusAsync(ConsensusResult result, Stream output, CancellationToken ct = default)
    {
        var numeric = result.Table.AllLabelsNumeric;
        var values = result.Table.LabelValues.ToArray();
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = "\n"u8.ToArray();
        for (var item = 0; item < result.ItemLabels.Length; item++)
        {
            writer.WriteStartObject();
            writer.WriteString("item", result.Table.Items[item]);
            if (numeric) writer.WriteNumber("label", values[result.ItemLabels[item]]);
            else writer.WriteString("label", result.Table.Labels[result.ItemLabels[item]]);
            writer.WriteNumber("confidence", result.Confidence[item]);
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
            await output.WriteAsync(newline, ct);
            writer.Reset();
        }
    }
}
