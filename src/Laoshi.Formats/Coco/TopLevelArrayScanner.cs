using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Formats.Coco;

/// <summary>
/// Streams a JSON document shaped as one object of arrays (COCO's images, annotations, categories) and hands
/// over each array element on its own, parsed as a small document. Only one element and a read buffer are in
/// memory at a time, so a file of a million annotations never becomes a DOM. Other top-level values are skipped.
/// </summary>
internal sealed class TopLevelArrayScanner(string fileName, Action<string, int, JsonElement> onElement)
{
    private const int InitialBuffer = 64 * 1024;
    private const int MaxElementBytes = 256 * 1024 * 1024;

    private enum Phase { Start, Properties, Value, Array, Done }

    private Phase phase = Phase.Start;
    private string property = "";
    private int index;
    private JsonReaderState readerState = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    private long bytesBefore;

    public async Task ScanAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialBuffer];
        var length = 0;
        var final = false;
        while (phase != Phase.Done)
        {
            if (!final)
            {
                if (length == buffer.Length)
                {
                    // One element is larger than the buffer: grow it, within reason.
                    if (buffer.Length >= MaxElementBytes)
                        throw new BadInputException($"a JSON value near byte {bytesBefore} is larger than {MaxElementBytes} bytes", fileName, path: Where());
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) final = true;
                length += read;
            }

            int consumed;
            try
            {
                consumed = Step(buffer.AsSpan(0, length), final);
            }
            catch (JsonException e)
            {
                // The reader state carries the line count across refills; it counts from 0.
                throw new BadInputException($"invalid JSON: {e.Message}", fileName, (e.LineNumber ?? 0) + 1, Where());
            }
            bytesBefore += consumed;
            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            if (final && phase != Phase.Done)
                throw new BadInputException("the JSON ends before its top-level object is closed", fileName, path: Where());
        }
    }

    private string Where() => phase == Phase.Array ? $"$.{property}[{index}]" : phase is Phase.Value ? $"$.{property}" : "$";

    /// <summary>Consumes every whole token (and whole element) in the buffer; returns how many bytes that was.</summary>
    private int Step(ReadOnlySpan<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data, final, readerState);
        while (phase != Phase.Done)
        {
            var checkpoint = reader;
            if (!reader.Read()) break;
            var complete = phase switch
            {
                Phase.Start => Start(ref reader),
                Phase.Properties => Property(ref reader),
                Phase.Value => Value(ref reader),
                _ => Element(ref reader),
            };
            if (!complete)
            {
                reader = checkpoint; // the element is cut by the buffer's end; read it again with more data
                break;
            }
        }
        readerState = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private bool Start(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new BadInputException("expected a JSON object with images, annotations and categories", fileName, path: "$");
        phase = Phase.Properties;
        return true;
    }

    private bool Property(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            phase = Phase.Done;
            return true;
        }
        property = reader.GetString()!;
        phase = Phase.Value;
        return true;
    }

    private bool Value(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            phase = Phase.Array;
            index = 0;
            return true;
        }
        if (reader.TokenType == JsonTokenType.StartObject && !reader.TrySkip()) return false;
        phase = Phase.Properties;
        return true;
    }

    private bool Element(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            phase = Phase.Properties;
            return true;
        }
        var start = reader;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return false;
        using (var element = JsonDocument.ParseValue(ref start))
            onElement(property, index, element.RootElement);
        index++;
        return true;
    }
}
