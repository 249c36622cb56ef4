using System.Runtime.CompilerServices;
using System.Text;
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
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            yield return ReadLine(line, lineNumber, source.Name, schema);
        }
    }

    private static ImportRow ReadLine(string line, long lineNumber, string file, ProjectSchema schema)
    {
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
