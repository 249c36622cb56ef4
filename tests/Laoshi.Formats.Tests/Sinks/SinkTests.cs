using System.IO.Compression;
using System.Text;
using Laoshi.Formats.Sinks;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using Laoshi.Formats.Yolo;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Sinks;

public sealed class SinkTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_zip_sink_streams_a_multi_file_export_onto_a_stream_that_cannot_seek()
    {
        var a = TestImages.Write(folder.File("a.png"), 32, 32);
        var body = new MemoryStream();
        var response = new WriteOnlyStream(body);

        await using (var sink = new ZipSink(response))
            await new YoloWriter().WriteAsync(Stream([ExportImage(1, a, 32, 32, Box("cat", 1, 2, 3, 4, 32, 32))]), DetectionSchema(), sink, Cancel);

        body.Position = 0;
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        Assert.Equal(["classes.txt", "data.yaml", "images/a.png", "labels/a.txt"], zip.Entries.Select(e => e.FullName).Order());
        using var label = new StreamReader(zip.GetEntry("labels/a.txt")!.Open());
        Assert.StartsWith("0 ", await label.ReadToEndAsync(Cancel));
        Assert.Equal(new FileInfo(a).Length, zip.GetEntry("images/a.png")!.Length);
    }

    [Fact]
    public async Task A_single_file_sink_allows_one_file_and_leaves_the_output_open()
    {
        var output = new MemoryStream();
        var sink = new SingleFileSink(output);

        await using (var file = sink.Create("export.json"))
            await file.WriteAsync(Encoding.UTF8.GetBytes("{}"), Cancel);

        Assert.Equal("{}", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("export.json", sink.CreatedPath);
        Assert.True(output.CanWrite);
        Assert.Throws<InvalidOperationException>(() => sink.Create("second.json"));
    }

    [Fact]
    public async Task A_single_file_export_never_writes_synchronously_to_the_response()
    {
        var a = TestImages.Write(folder.File("a.png"), 32, 32);
        var body = new MemoryStream();

        await new Laoshi.Formats.Coco.CocoWriter().WriteAsync(Stream([ExportImage(1, a, 32, 32, Box("cat", 1, 2, 3, 4, 32, 32))]),
            DetectionSchema(), new SingleFileSink(new WriteOnlyStream(body)), Cancel);

        using var json = System.Text.Json.JsonDocument.Parse(body.ToArray());
        Assert.Equal(1, json.RootElement.GetProperty("annotations").GetArrayLength());
    }

    [Fact]
    public async Task A_directory_sink_creates_sub_folders_and_refuses_paths_that_leave_its_root()
    {
        var sink = new DirectorySink(Path.Combine(folder.Path, "out"));

        await using (var file = sink.Create("labels/train/x.txt"))
            await file.WriteAsync("0 0.5 0.5 1 1"u8.ToArray(), Cancel);

        Assert.True(File.Exists(Path.Combine(folder.Path, "out", "labels", "train", "x.txt")));
        Assert.Throws<ArgumentException>(() => sink.Create("../escape.txt"));
    }

    /// <summary>Like an ASP.NET Core response body: forward-only, no length, no position, no synchronous I/O.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
