using System.Text.Json;

namespace Laoshi.Formats.LabelStudio;

/// <summary>
/// Cuts a stream holding a JSON array of values (or one object) into its elements, one at a time, without
/// reading the whole stream: a buffer holds at most the current element plus a read-ahead chunk. Tracks the
/// line each element starts on, so errors point into the file.
/// </summary>
internal sealed class JsonTaskScanner(Stream stream)
{
    public enum Step { Element, NeedData, End, Error }

    /// <summary>An element's UTF-8 bytes (valid until the next call) and the line it starts on.</summary>
    public readonly record struct Element(ReadOnlyMemory<byte> Utf8, long Line, long Index);

    private enum Shape { Unknown, Array, SingleObject }

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _bomChecked;
    private JsonReaderState _state;
    private Shape _shape;
    private long _line = 1;
    private long _index;

    public string? ErrorMessage { get; private set; }
    public long ErrorLine { get; private set; }

    /// <summary>Reads more of the stream; call first, and whenever <see cref="TryNext"/> says NeedData.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2); // one element is larger than the buffer
        // Fill the buffer whole: rescanning a partial element after every small network read would be quadratic.
        while (_end < _buffer.Length && !_endOfStream)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            _endOfStream = read == 0;
        }
        if (!_bomChecked)
            await SkipByteOrderMarkAsync(cancellationToken);
    }

    // Utf8JsonReader does not skip a UTF-8 byte order mark, which Windows tools like to write.
    private async ValueTask SkipByteOrderMarkAsync(CancellationToken cancellationToken)
    {
        while (_end < 3 && !_endOfStream)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            _endOfStream = read == 0;
        }
        if (_end >= 3 && _buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            _start = 3;
        _bomChecked = true;
    }

    public bool EndOfStream => _endOfStream;

    /// <summary>True when the stream holds one task object rather than an array.</summary>
    public bool IsSingleObject => _shape == Shape.SingleObject;

    /// <summary>The next element, or NeedData when the buffer holds only part of it (call FillAsync, then again).</summary>
    public Step TryNext(out Element element)
    {
        element = default;
        try
        {
            if (_shape == Shape.Unknown && ReadShape() is { } step)
                return step;
            return ReadElement(out element);
        }
        catch (JsonException e)
        {
            ErrorMessage = e.Message is { } m && m.IndexOf(" LineNumber:", StringComparison.Ordinal) is > 0 and var cut ? m[..cut].TrimEnd(' ', '|', '.') : e.Message;
            if (_shape == Shape.Unknown)
                ErrorMessage += "; expected a JSON array of tasks or a single task object";
            ErrorLine = (e.LineNumber ?? 0) + 1;
            return Step.Error;
        }
    }

    /// <summary>Decides between an array and a single object; null once decided.</summary>
    private Step? ReadShape()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        if (_endOfStream && span.Trim(" \t\r\n"u8).IsEmpty)
            return Fail("the file is empty: expected a JSON array of tasks", 1);
        var reader = new Utf8JsonReader(span, _endOfStream, _state);
        if (!reader.Read())
            return Step.NeedData;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                _shape = Shape.Array;
                var consumed = (int)reader.BytesConsumed;
                _line += Lines(span[..consumed]);
                _start += consumed;
                _state = reader.CurrentState;
                return null;
            case JsonTokenType.StartObject:
                // Nothing consumed: the object itself is the one element.
                _shape = Shape.SingleObject;
                return null;
            default:
                return Fail("expected a JSON array of tasks or a single task object", _line);
        }
    }

    private Step ReadElement(out Element element)
    {
        element = default;
        if (_shape == Shape.SingleObject && _index == 1)
            return AfterSingleObject();
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _endOfStream, _state);
        if (!reader.Read())
            return _endOfStream ? Fail("the JSON ends before the array is closed", _line + Lines(span)) : Step.NeedData;
        if (reader.TokenType == JsonTokenType.EndArray)
            return Step.End;

        var tokenStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            return Step.NeedData;
        var tokenEnd = (int)reader.BytesConsumed;
        var line = _line + Lines(span[..tokenStart]);
        element = new Element(_buffer.AsMemory(_start + tokenStart, tokenEnd - tokenStart), line, _index++);
        _line = line + Lines(span[tokenStart..tokenEnd]);
        _start += tokenEnd;
        _state = reader.CurrentState;
        return Step.Element;
    }

    // Only whitespace may follow a single task; a second value means JSON Lines given to the wrong reader.
    private Step AfterSingleObject()
    {
        var rest = _buffer.AsSpan(_start, _end - _start);
        var value = rest.TrimStart(" \t\r\n"u8);
        var line = _line + Lines(rest[..(rest.Length - value.Length)]);
        if (!value.IsEmpty)
            return Fail("more than one JSON value at the top level: for one task per line use the jsonl format", line);
        if (_endOfStream)
            return Step.End;
        _line = line;
        _start = _end;
        return Step.NeedData;
    }

    private Step Fail(string message, long line)
    {
        ErrorMessage = message;
        ErrorLine = line;
        return Step.Error;
    }

    private static long Lines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');
}
