using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// Parses one JSONL file of {"item", "label", "scores"?} lines into batches on its own thread, so a truth file and a
/// prediction file are read at the same time. Labels get ids local to this file (no locks between the two readers).
/// </summary>
internal sealed class CaseFileReader(string path, string displayName, bool scoresAllowed)
{
    private const int BufferSize = 1 << 20;
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private readonly Channel<CaseBatch> free = Channel.CreateUnbounded<CaseBatch>();

    public Channel<CaseBatch> Filled { get; } = Channel.CreateBounded<CaseBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

    /// <summary>Hands a consumed batch back for reuse.</summary>
    public void Recycle(CaseBatch batch) => free.Writer.TryWrite(batch);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadAsync(cancellationToken);
            Filled.Writer.Complete();
        }
        catch (Exception e)
        {
            Filled.Writer.Complete(e);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int filled = 0;
            long line = 0;
            var batch = NewBatch();
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), cancellationToken);
                filled += read;
                var start = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        if (read > 0) break;
                        if (start == filled) break;
                        newline = filled - start; // the last line has no newline
                    }
                    line++;
                    Parse(buffer.AsSpan(start, newline), line, batch);
                    start += Math.Min(newline + 1, filled - start);
                    if (batch.Full)
                    {
                        await Filled.Writer.WriteAsync(batch, cancellationToken);
                        batch = NewBatch();
                    }
                }
                if (read == 0) break;
                // Keep the unfinished line; a line longer than the buffer grows it.
                Array.Copy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Array.Copy(buffer, bigger, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
            if (batch.Count > 0 || batch.NewLabels.Count > 0) await Filled.Writer.WriteAsync(batch, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Parses a run of whole lines (the last may lack its newline) into <paramref name="batch"/>, the first being line
    /// <paramref name="firstLine"/> of the file: what a worker does with a chunk another thread cut at line boundaries.
    /// Blank lines are skipped, as in <see cref="RunAsync"/>; a bad line throws the same error, with its own line number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ParseLines(ReadOnlySpan<byte> text, long firstLine, CaseBatch batch)
    {
        var line = firstLine;
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf((byte)'\n');
            var end = newline < 0 ? text.Length : newline;
            Parse(text[..end], line++, batch);
            text = text[Math.Min(end + 1, text.Length)..];
        }
    }

    private CaseBatch NewBatch()
    {
        if (free.Reader.TryRead(out var batch))
        {
            batch.Clear();
            return batch;
        }
        return new CaseBatch();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Parse(ReadOnlySpan<byte> text, long line, CaseBatch batch)
    {
        if (text.Length > 0 && text[^1] == (byte)'\r') text = text[..^1];
        if (text.Trim((byte)' ').IsEmpty) return;
        // Arrays of the reader, not stackalloc: a stackalloc is zeroed on every call, half a kilobyte a line.
        Span<int> nameStarts = fastNameStarts;
        Span<int> nameLengths = fastNameLengths;
        Span<double> values = fastValues;
        if (FastCaseLine.TryParse(text, scoresAllowed, scoreNames, nameStarts, nameLengths, values, out var fast))
        {
            AddFast(text, line, batch, in fast, nameStarts, nameLengths, values);
            return;
        }
        var index = batch.Count;
        batch.LabelStart[index] = batch.LabelCount;
        batch.ScoreStart[index] = batch.ScoreCount;
        batch.Line[index] = line;
        batch.ItemLength[index] = -1;
        var sawLabel = false;
        var reader = new Utf8JsonReader(text);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad("each line must be a JSON object", line, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("item"u8))
                {
                    reader.Read();
                    ReadItem(ref reader, batch, index, line);
                }
                else if (reader.ValueTextEquals("label"u8))
                {
                    reader.Read();
                    ReadLabels(ref reader, batch, line);
                    sawLabel = true;
                }
                else if (scoresAllowed && reader.ValueTextEquals("scores"u8))
                {
                    reader.Read();
                    ReadScores(ref reader, batch, line);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw Bad("extra text after the JSON object", line, null);
        }
        catch (JsonException e)
        {
            throw Bad($"not valid JSON ({e.Message})", line, null);
        }
        if (batch.ItemLength[index] < 0) throw Bad("missing \"item\"", line, "item");
        if (!sawLabel) throw Bad("missing \"label\" (a string, or a list of strings for multi-label)", line, "label");
        batch.LabelStart[index + 1] = batch.LabelCount;
        batch.ScoreStart[index + 1] = batch.ScoreCount;
        batch.Count++;
    }

    /// <summary>A line <see cref="FastCaseLine"/> took apart: printable ASCII only, so each byte is one character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddFast(ReadOnlySpan<byte> text, long line, CaseBatch batch, in FastCaseLine fast, ReadOnlySpan<int> nameStarts,
        ReadOnlySpan<int> nameLengths, ReadOnlySpan<double> values)
    {
        var index = batch.Count;
        batch.LabelStart[index] = batch.LabelCount;
        batch.ScoreStart[index] = batch.ScoreCount;
        batch.Line[index] = line;
        var space = batch.ItemSpace(fast.Item.Length);
        var written = Encoding.Latin1.GetChars(fast.Item, space);
        batch.ItemStart[index] = batch.ItemCharCount;
        batch.ItemLength[index] = written;
        batch.ItemCharCount += written;
        if (!fast.LabelIsNull) batch.AddLabel(LabelId(fast.Label, batch));
        for (var k = 0; k < fast.ScoreCount; k++)
        {
            var name = text.Slice(nameStarts[k], nameLengths[k]);
            int id;
            if ((fast.KnownNames & (1u << k)) != 0) id = scoreNames[k].Id;
            else
            {
                id = AsciiId(name, batch);
                var entry = (name.ToArray(), id);
                if (k < scoreNames.Count) scoreNames[k] = entry;
                else if (k == scoreNames.Count) scoreNames.Add(entry);
            }
            batch.AddScore(id, values[k]);
        }
        batch.LabelStart[index + 1] = batch.LabelCount;
        batch.ScoreStart[index + 1] = batch.ScoreCount;
        batch.Count++;
    }

    /// <summary>
    /// The id of a printable-ASCII label, first looked for among the few labels seen most recently (bytes compared, no
    /// decoding or hashing): a file has a handful of classes, and every line names one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LabelId(ReadOnlySpan<byte> label, CaseBatch batch)
    {
        foreach (var (utf8, known) in recentLabels)
            if (label.SequenceEqual(utf8)) return known;
        var id = AsciiId(label, batch);
        if (recentLabels.Count < RecentLabels) recentLabels.Add((label.ToArray(), id));
        else recentLabels[nextRecent++ % RecentLabels] = (label.ToArray(), id);
        return id;
    }

    private readonly int[] fastNameStarts = new int[FastCaseLine.MaxScores];
    private readonly int[] fastNameLengths = new int[FastCaseLine.MaxScores];
    private readonly double[] fastValues = new double[FastCaseLine.MaxScores];

    private const int RecentLabels = 8;
    private readonly List<(byte[] Utf8, int Id)> recentLabels = [];
    private int nextRecent;

    /// <summary>The id of a printable-ASCII name: its bytes widen to characters, then the usual lookup.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AsciiId(ReadOnlySpan<byte> name, CaseBatch batch)
    {
        Span<char> chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var written = Encoding.Latin1.GetChars(name, chars);
        return Id(chars[..written], batch);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadItem(ref Utf8JsonReader reader, CaseBatch batch, int index, long line)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)) throw Bad("\"item\" must be a string or a number", line, "item");
        // Lines are parsed from one contiguous span, so values never come as sequences.
        var length = reader.ValueSpan.Length;
        var space = batch.ItemSpace(length);
        var written = reader.TokenType == JsonTokenType.String
            ? reader.CopyString(space)
            : Encoding.UTF8.GetChars(reader.ValueSpan, space);
        batch.ItemStart[index] = batch.ItemCharCount;
        batch.ItemLength[index] = written;
        batch.ItemCharCount += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadLabels(ref Utf8JsonReader reader, CaseBatch batch, long line)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            batch.AddLabel(Id(ref reader, batch));
            return;
        }
        if (reader.TokenType == JsonTokenType.Null) return; // no label: a prediction of nothing
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad("\"label\" must be a string or a list of strings", line, "label");
        var first = batch.LabelCount;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw Bad("\"label\" lists must hold strings", line, "label");
            var id = Id(ref reader, batch);
            // A label listed twice is one label, as in an indicator matrix.
            if (!batch.Labels.AsSpan(first, batch.LabelCount - first).Contains(id)) batch.AddLabel(id);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadScores(ref Utf8JsonReader reader, CaseBatch batch, long line)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad("\"scores\" must be an object of class: probability", line, "scores");
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var id = ScoreName(ref reader, batch, position++);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var score) || !double.IsFinite(score))
                throw Bad($"score of '{Name(id)}' must be a number", line, $"scores.{Name(id)}");
            batch.AddScore(id, score);
        }
    }

    /// <summary>
    /// Score objects usually list the same classes in the same order on every line: the name at each position is first
    /// compared with the last line's (bytes, no decoding or hashing) before it is looked up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScoreName(ref Utf8JsonReader reader, CaseBatch batch, int position)
    {
        if (position < scoreNames.Count && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(scoreNames[position].Utf8))
            return scoreNames[position].Id;
        var id = Id(ref reader, batch);
        if (!reader.ValueIsEscaped)
        {
            var entry = (reader.ValueSpan.ToArray(), id);
            if (position < scoreNames.Count) scoreNames[position] = entry;
            else if (position == scoreNames.Count) scoreNames.Add(entry);
        }
        return id;
    }

    private readonly List<(byte[] Utf8, int Id)> scoreNames = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Id(ref Utf8JsonReader reader, CaseBatch batch)
    {
        var length = reader.ValueSpan.Length;
        Span<char> chars = length <= 256 ? stackalloc char[length] : new char[length];
        var written = reader.CopyString(chars);
        return Id(chars[..written], batch);
    }

    private int Id(ReadOnlySpan<char> chars, CaseBatch batch)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var id)) return id;
        var name = new string(chars);
        id = ids.Count;
        ids.Add(name, id);
        names.Add(name);
        batch.NewLabels.Add(name);
        return id;
    }

    private string Name(int id) => names[id];

    private BadInputException Bad(string message, long line, string? field) =>
        new(message, displayName, line, field: field);
}
