using System.Globalization;
using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// Streams a COCO result file (a JSON list of {image_id, category_id, bbox, score}) one object at a time with a
/// Utf8JsonReader over a refilled buffer: a detector's output for a whole test set is hundreds of thousands of rows,
/// and reading them this way costs a fraction of general deserialisation and never holds the file in memory.
/// </summary>
internal sealed class CocoResultListReader(string file, List<InputError> errors)
{
    private readonly Dictionary<long, string> _ids = [];
    private readonly CocoAnnotationRecord _record = new();
    private readonly double[] _box = new double[4];
    private int _index;
    private int _phase; // 0: before the list, 1: inside it, 2: after it

    public async Task ReadAsync(Stream stream, Action<int, CocoAnnotationRecord> onRecord, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        var state = new JsonReaderState();
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            var final = read == 0;
            length += read;
            int consumed;
            try
            {
                consumed = ParseBlock(buffer.AsSpan(0, length), final, ref state, onRecord);
            }
            catch (JsonException e)
            {
                throw new BadInputException(new InputError($"not valid JSON: {e.Message.Split(" LineNumber:")[0]}", file, e.LineNumber + 1, e.Path ?? $"$[{_index}]"));
            }
            if (errors.Count >= 100) return;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            if (final)
            {
                if (_phase != 2) throw new BadInputException("the list of detections ends too early", file, path: $"$[{_index}]");
                return;
            }
            // One object larger than the buffer: grow it rather than fail.
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private int ParseBlock(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, Action<int, CocoAnnotationRecord> onRecord)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (true)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                state = checkpoint.CurrentState;
                return (int)checkpoint.BytesConsumed;
            }
            switch (_phase)
            {
                case 0 when reader.TokenType == JsonTokenType.StartArray:
                    _phase = 1;
                    break;
                case 1 when reader.TokenType == JsonTokenType.EndArray:
                    _phase = 2;
                    break;
                case 1 when reader.TokenType == JsonTokenType.StartObject:
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        state = checkpoint.CurrentState;
                        return (int)checkpoint.BytesConsumed;
                    }
                    var index = _index++;
                    ParseObject(ref reader, index);
                    onRecord(index, _record);
                    if (errors.Count >= 100) return (int)reader.BytesConsumed;
                    break;
                case 1:
                    var value = reader;
                    if (!value.TrySkip())
                    {
                        state = checkpoint.CurrentState;
                        return (int)checkpoint.BytesConsumed;
                    }
                    reader = value;
                    errors.Add(new InputError("a detection must be an object", file, Path: $"$[{_index++}]"));
                    break;
                default:
                    throw new BadInputException("expected a JSON list of detections", file, path: "$");
            }
        }
    }

    private void ParseObject(ref Utf8JsonReader reader, int where)
    {
        _record.ImageId = null;
        _record.CategoryId = null;
        _record.Bbox = null;
        _record.Score = null;
        _record.Area = null;
        _record.IsCrowd = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("image_id"u8))
            {
                reader.Read();
                _record.ImageId = reader.TokenType switch
                {
                    JsonTokenType.Number when reader.TryGetInt64(out var id) => Id(id),
                    JsonTokenType.String => reader.GetString(),
                    _ => Wrong(where, "image_id", "image_id must be a whole number or a string"),
                };
            }
            else if (reader.ValueTextEquals("category_id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var category)) _record.CategoryId = category;
                else Wrong(where, "category_id", "category_id must be a whole number");
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number) _record.Score = reader.GetDouble();
                else Wrong(where, "score", "score must be a number");
            }
            else if (reader.ValueTextEquals("bbox"u8))
            {
                reader.Read();
                _record.Bbox = ReadBox(ref reader);
            }
            else
            {
                reader.Read();
                reader.TrySkip(); // always completes: the whole object is in the buffer
            }
        }
    }

    /// <summary>Reads bbox into one reused array; a list of the wrong length comes back with that length so the check names it.</summary>
    private double[]? ReadBox(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.TrySkip(); // always completes: the whole object is in the buffer
            return null;
        }
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                reader.TrySkip(); // always completes: the whole object is in the buffer
                return null;
            }
            var value = reader.GetDouble();
            if (count < 4) _box[count] = value;
            count++;
        }
        return count == 4 ? _box : new double[count];
    }

    private string Id(long id)
    {
        if (!_ids.TryGetValue(id, out var text)) _ids[id] = text = id.ToString(CultureInfo.InvariantCulture);
        return text;
    }

    private string? Wrong(int where, string field, string message)
    {
        errors.Add(new InputError(message, file, Path: $"$[{where}]", Field: field));
        return null;
    }
}
