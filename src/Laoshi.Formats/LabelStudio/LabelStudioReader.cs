using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.LabelStudio;

/// <summary>
/// A Label Studio JSON export: a top-level array of tasks (or one task object). The array is read one task at a
/// time, so a file of any size imports in flat memory. Errors name the task by its JSON path ("$[1234]...").
/// The Label Studio task id is not kept: Laoshi gives items its own ids.
/// </summary>
public sealed class LabelStudioReader : IImportReader
{
    public string Name => "labelstudio";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = source.Open();
        var scanner = new JsonTaskScanner(stream);
        await scanner.FillAsync(cancellationToken);
        while (true)
        {
            switch (scanner.TryNext(out var element))
            {
                case JsonTaskScanner.Step.Element:
                    yield return ReadTask(element, scanner.IsSingleObject, source.Name, schema);
                    break;
                case JsonTaskScanner.Step.NeedData when !scanner.EndOfStream:
                    await scanner.FillAsync(cancellationToken);
                    break;
                case JsonTaskScanner.Step.NeedData:
                    yield return new BadRow(new InputError("the JSON ends in the middle of a task", source.Name, null, "$"));
                    yield break;
                case JsonTaskScanner.Step.Error:
                    // Broken JSON leaves the rest of the file unreadable: report where it broke and stop.
                    yield return new BadRow(new InputError($"invalid JSON: {scanner.ErrorMessage}", source.Name, scanner.ErrorLine));
                    yield break;
                default:
                    yield break;
            }
        }
    }

    private static ImportRow ReadTask(JsonTaskScanner.Element element, bool single, string file, ProjectSchema schema)
    {
        var path = single ? "$" : $"$[{element.Index}]";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(element.Utf8.Span);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return new BadRow(new InputError($"invalid JSON: {e.Message}", file, element.Line, path));
        }
        return ReadTask(node, file, schema, path, element.Line);
    }

    private static ImportRow ReadTask(JsonNode? node, string file, ProjectSchema schema, string path, long line)
    {
        if (node is not JsonObject task)
            return new BadRow(new InputError("each task must be a JSON object", file, line, path));
        try
        {
            return new GoodRow(LabelStudioTaskReader.Read(task, schema, file, line, path));
        }
        catch (BadInputException e)
        {
            return new BadRow(e.Errors[0]);
        }
    }
}
