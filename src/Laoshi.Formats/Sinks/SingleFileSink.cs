namespace Laoshi.Formats.Sinks;

/// <summary>
/// The sink of a single-file export: the one file created goes straight to the output stream, which the caller
/// keeps owning (disposing the created stream flushes it but leaves it open). A second file is a programming error.
/// </summary>
public sealed class SingleFileSink(Stream output) : IExportSink
{
    private bool created;

    /// <summary>The relative path the writer asked for, once it has; the caller can use it as the download name.</summary>
    public string? CreatedPath { get; private set; }

    public Stream Create(string relativePath)
    {
        if (created) throw new InvalidOperationException($"a single-file export cannot create a second file ('{relativePath}')");
        created = true;
        CreatedPath = relativePath;
        return new OwnedElsewhereStream(output);
    }

    /// <summary>Passes writes through and flushes on dispose without closing the caller's stream.</summary>
    private sealed class OwnedElsewhereStream(Stream inner) : Stream
    {
        private bool closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        // Stream.DisposeAsync would call the synchronous Dispose, which a response body refuses; both paths close once.
        public override async ValueTask DisposeAsync()
        {
            if (closed) return;
            closed = true;
            await inner.FlushAsync();
            GC.SuppressFinalize(this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !closed)
            {
                closed = true;
                inner.Flush();
            }
            base.Dispose(disposing);
        }
    }
}
