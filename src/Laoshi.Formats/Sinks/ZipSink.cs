using System.IO.Compression;

namespace Laoshi.Formats.Sinks;

/// <summary>
/// Writes an export as a zip archive onto a stream that need not seek (an HTTP response body): entries are
/// written one after another with their sizes in trailing descriptors. Dispose (preferably DisposeAsync) to write
/// the central directory; the output stream itself is left open.
/// <para>
/// ZipArchive writes synchronously (an entry's Dispose, the central directory), which ASP.NET Core forbids on a
/// response. So the archive writes into a small in-memory buffer, and the bytes move to the output asynchronously
/// whenever the buffer passes 64 KiB, when an entry is closed, and at the end: memory stays flat, I/O stays async.
/// </para>
/// </summary>
public sealed class ZipSink : IExportSink, IDisposable, IAsyncDisposable
{
    private const int DrainThreshold = 64 * 1024;
    private readonly Stream output;
    private readonly PendingBytes pending = new();
    private readonly ZipArchive archive;
    private readonly CompressionLevel compression;
    private bool disposed;

    public ZipSink(Stream output, CompressionLevel compression = CompressionLevel.Fastest)
    {
        this.output = output;
        this.compression = compression;
        archive = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true);
    }

    public Stream Create(string relativePath)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var name = relativePath.Replace('\\', '/').TrimStart('/');
        if (name.Length == 0 || name.Split('/').Contains(".."))
            throw new ArgumentException($"'{relativePath}' is not a relative path inside the archive", nameof(relativePath));
        return new EntryStream(archive.CreateEntry(name, compression).Open(), this);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        archive.Dispose();
        pending.Drain(output);
        output.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        archive.Dispose(); // the central directory goes into the buffer, not the output
        await pending.DrainAsync(output, CancellationToken.None);
        await output.FlushAsync();
    }

    /// <summary>Bytes the archive has written and the output has not yet received.</summary>
    private sealed class PendingBytes : Stream
    {
        private readonly MemoryStream buffer = new();

        public long Count => buffer.Length;

        public void Drain(Stream output)
        {
            if (buffer.Length == 0) return;
            output.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            buffer.SetLength(0);
        }

        public async Task DrainAsync(Stream output, CancellationToken cancellationToken)
        {
            if (buffer.Length == 0) return;
            await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            buffer.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => this.buffer.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => this.buffer.Write(buffer);
    }

    /// <summary>An entry's stream that moves the archive's buffered bytes to the output as they pile up.</summary>
    private sealed class EntryStream(Stream entry, ZipSink sink) : Stream
    {
        private bool closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            entry.Write(buffer);
            if (sink.pending.Count >= DrainThreshold) sink.pending.Drain(sink.output);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            entry.Write(buffer.Span); // compresses into the in-memory buffer: CPU only
            if (sink.pending.Count >= DrainThreshold) await sink.pending.DrainAsync(sink.output, cancellationToken);
        }

        public override async ValueTask DisposeAsync()
        {
            if (closed) return;
            closed = true;
            entry.Dispose();
            await sink.pending.DrainAsync(sink.output, CancellationToken.None);
            GC.SuppressFinalize(this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !closed)
            {
                closed = true;
                entry.Dispose();
                sink.pending.Drain(sink.output);
            }
            base.Dispose(disposing);
        }
    }
}
