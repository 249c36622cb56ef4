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
    private const int PeekSize = 4096;

    public string Name => "labelstudio";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var raw = source.Open();
        var (firstByte, prefix) = await PeekFirstValueByteAsync(raw, cancellationToken);
        await using var stream = new PrefixedStream(prefix, raw);

        if (firstByte == (byte)'{')
        {
            yield return await ReadSingleTaskAsync(stream, source.Name, schema, cancellationToken);
            yield break;
        }
        if (firstByte != (byte)'[')
        {
            yield return new BadRow(new InputError("expected a JSON array of tasks or a single task object", source.Name, 1, "$"));
            yield break;
        }

        var tasks = JsonSerializer.DeserializeAsyncEnumerable<JsonNode?>(stream, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using (tasks)
        {
            for (long index = 0; ; index++)
            {
                ImportRow? failure = null;
                bool more;
                try
                {
                    more = await tasks.MoveNextAsync();
                }
                catch (JsonException e)
                {
                    // Broken JSON leaves the rest of the file unreadable: report where it broke and stop.
                    failure = new BadRow(new InputError($"invalid JSON: {FirstSentence(e.Message)}", source.Name, e.LineNumber + 1, e.Path ?? $"$[{index}]"));
                    more = false;
                }
                if (failure is not null)
                    yield return failure;
                if (!more)
                    yield break;
                yield return ReadTask(tasks.Current, source.Name, schema, $"$[{index}]");
            }
        }
    }

    private static async Task<ImportRow> ReadSingleTaskAsync(Stream stream, string file, ProjectSchema schema, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
            return ReadTask(node, file, schema, "$");
        }
        catch (JsonException e)
        {
            return new BadRow(new InputError($"invalid JSON: {FirstSentence(e.Message)}", file, e.LineNumber + 1, e.Path));
        }
    }

    private static ImportRow ReadTask(JsonNode? node, string file, ProjectSchema schema, string path)
    {
        if (node is not JsonObject task)
            return new BadRow(new InputError("each task must be a JSON object", file, null, path));
        try
        {
            return new GoodRow(LabelStudioTaskReader.Read(task, schema, file, null, path));
        }
        catch (BadInputException e)
        {
            return new BadRow(e.Errors[0]);
        }
    }

    /// <summary>Reads until the first byte that is not whitespace or a byte order mark; returns it and every byte read.</summary>
    private static async Task<(byte First, ReadOnlyMemory<byte> Prefix)> PeekFirstValueByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[PeekSize];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (n == 0)
                return (0, buffer.AsMemory(0, filled));
            filled += n;
            for (var i = 0; i < filled; i++)
            {
                var b = buffer[i];
                var isBom = i < 3 && b is 0xEF or 0xBB or 0xBF;
                if (!isBom && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    return (b, buffer.AsMemory(0, filled));
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
