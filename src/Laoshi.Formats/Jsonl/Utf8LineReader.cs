namespace Laoshi.Formats.Jsonl;

/// <summary>
/// Reads a stream line by line as raw UTF-8, so that JSON Lines parse straight from the bytes instead of
/// being decoded to strings and encoded back. Handles LF and CRLF, and skips a UTF-8 byte order mark.
/// </summary>
public sealed class Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
{
    private byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;
    private int _lineStart;
    private int _lineLength;
    private bool _endOfStream;
    private bool _started;

    /// <summary>The current line without its line end; valid until the next call to <see cref="ReadLineAsync"/>.</summary>
    public ReadOnlySpan<byte> Current => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await FillAsync(cancellationToken);
            if (_end >= 3 && _buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                _start = 3;
        }
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                SetLine(newline);
                _start += newline + 1;
                return true;
            }
            if (_endOfStream)
            {
                if (_start == _end)
                    return false;
                SetLine(_end - _start);
                _start = _end;
                return true;
            }
            await FillAsync(cancellationToken);
        }
    }

    private void SetLine(int length)
    {
        LineNumber++;
        _lineStart = _start;
        _lineLength = length > 0 && _buffer[_start + length - 1] == (byte)'\r' ? length - 1 : length;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        // Fill the buffer whole: searching a long partial line again after every small network read would be quadratic.
        while (_end < _buffer.Length && !_endOfStream)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            _endOfStream = read == 0;
        }
    }
}
