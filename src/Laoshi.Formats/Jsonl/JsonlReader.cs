using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.LabelStudio;

namespace Laoshi.Formats.Jsonl;

/// <summary>
/// JSON Lines: one item per line, either a Label Studio task ({"data", "annotations", "predictions"}) or a bare
/// object that is itself the data. Blank lines are skipped; a bad line becomes a BadRow and reading goes on.
/// </summary>
public sealed class JsonlReader : IImportReader
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public string Name => "jsonl";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = source.Open();
        var lines = new Utf8LineReader(stream);
        while (await lines.ReadLineAsync(cancellationToken))
        {
            if (ReadLine(lines.Current, lines.LineNumber, source.Name, schema) is { } row)
                yield return row;
        }
    }

    /// <summary>The row for one line, or null for a blank line.</summary>
    private static ImportRow? ReadLine(ReadOnlySpan<byte> line, long lineNumber, string file, ProjectSchema schema)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
            return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, NodeOptions, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return new BadRow(new InputError($"invalid JSON: {e.Message}", file, lineNumber));
        }
        if (node is not JsonObject task)
            return new BadRow(new InputError("each line must be a JSON object", file, lineNumber));
        try
        {
            return new GoodRow(LabelStudioTaskReader.Read(task, schema, file, lineNumber, ""));
        }
        catch (BadInputException e)
        {
            return new BadRow(e.Errors[0]);
        }
    }
}
