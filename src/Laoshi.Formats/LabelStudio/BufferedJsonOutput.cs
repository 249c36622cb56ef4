using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Laoshi.Formats.LabelStudio;

/// <summary>
/// A Utf8JsonWriter that collects output in memory and hands it to the stream asynchronously in large chunks:
/// fast for millions of small values, flat in memory, and never a synchronous write (which ASP.NET Core
/// response streams refuse).
/// </summary>
public sealed class BufferedJsonOutput(Stream stream, int chunkSize = 1 << 16) : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(chunkSize * 2);
    private Utf8JsonWriter? _writer;

    public Utf8JsonWriter Writer => _writer ??= new Utf8JsonWriter(_buffer, new JsonWriterOptions
    {
        // Files are read by people and tools, not embedded in HTML: keep Chinese and other text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Ends a top-level value with a newline (JSON Lines) so the next value starts fresh.</summary>
    public void EndLine()
    {
        Writer.Flush();
        _buffer.Write("\n"u8);
        Writer.Reset(_buffer);
    }

    /// <summary>Sends the collected output to the stream once a chunk's worth has built up.</summary>
    public async ValueTask MaybeFlushAsync(CancellationToken cancellationToken)
    {
        if (Writer.BytesPending + _buffer.WrittenCount >= chunkSize)
            await WriteCollectedAsync(cancellationToken);
    }

    /// <summary>Sends everything written so far and flushes the stream; call once at the end.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await WriteCollectedAsync(cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async ValueTask WriteCollectedAsync(CancellationToken cancellationToken)
    {
        Writer.Flush();
        if (_buffer.WrittenCount == 0)
            return;
        await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    public void Dispose() => _writer?.Dispose();
}
