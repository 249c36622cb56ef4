using System.Text;

namespace Laoshi.Formats.Csv;

/// <summary>One record of a delimited file: its fields, the line it starts on, and what was wrong with it, if anything.</summary>
/// <param name="ErrorField">1-based index of the field the error is in.</param>
public sealed record CsvRecord(IReadOnlyList<string> Fields, long Line, string? Error = null, int? ErrorField = null)
{
    /// <summary>An empty line: Label Studio and spreadsheets leave them at the end of files.</summary>
    public bool IsBlank => Fields.Count == 1 && Fields[0].Length == 0 && Error is null;
}

/// <summary>
/// Reads RFC 4180 records from text, one at a time: quoted fields with embedded delimiters, newlines and doubled
/// quotes; CRLF, LF or CR line ends. A quote inside an unquoted field is kept as text (as spreadsheets write
/// 5" for inches); text after a closing quote is an error on that record, and reading goes on with the next.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, char delimiter = ',')
{
    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The next record, or null at the end of the text.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_position == _length && !await FillAsync(cancellationToken))
            return null;

        var startLine = _line;
        var fields = new List<string>();
        string? error = null;
        int? errorField = null;
        var state = State.FieldStart;
        _field.Clear();

        void Fail(string message)
        {
            error ??= message;
            errorField ??= fields.Count + 1;
        }

        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                if (state == State.Quoted)
                    Fail($"a quoted field opened on line {startLine} is never closed");
                fields.Add(_field.ToString());
                return new CsvRecord(fields, startLine, error, errorField);
            }

            var c = _buffer[_position++];
            switch (state)
            {
                case State.Quoted:
                    if (c == '"') state = State.QuoteInQuoted;
                    else
                    {
                        if (c == '\n') _line++;
                        _field.Append(c);
                    }
                    continue;
                case State.QuoteInQuoted when c == '"':
                    _field.Append('"');
                    state = State.Quoted;
                    continue;
            }

            if (c == delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                state = State.FieldStart;
            }
            else if (c is '\n' or '\r')
            {
                _line++;
                if (c == '\r' && await PeekAsync(cancellationToken) == '\n')
                    _position++;
                fields.Add(_field.ToString());
                return new CsvRecord(fields, startLine, error, errorField);
            }
            else if (state == State.FieldStart && c == '"')
            {
                state = State.Quoted;
            }
            else
            {
                if (state == State.QuoteInQuoted)
                    Fail($"unexpected character '{c}' after a closing quote (write \"\" for a quote inside a quoted field)");
                _field.Append(c);
                state = State.Unquoted;
            }
        }
    }

    private async ValueTask<int> PeekAsync(CancellationToken cancellationToken) =>
        _position < _length || await FillAsync(cancellationToken) ? _buffer[_position] : -1;

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        return _length > 0;
    }
}
