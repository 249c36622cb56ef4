using Laoshi.Core.Errors;
using Laoshi.Formats.Media;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using SkiaSharp;

namespace Laoshi.Formats.Tests.Media;

public sealed class MediaProbeTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly MediaProbe probe = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task Images_are_known_by_their_bytes_with_their_size(SKEncodedImageFormat format, string mediaType)
    {
        // A misleading extension: the probe must not care.
        var path = TestImages.Write(folder.File("picture.dat"), 40, 30, format);

        var info = await probe.ProbeFileAsync(path, Cancel);

        Assert.Equal(new MediaInfo(mediaType, 40, 30, null), info);
    }

    [Fact]
    public async Task A_truncated_png_is_an_undecodable_image_naming_the_file()
    {
        var path = TestImages.Write(folder.File("cut.png"), 200, 150);
        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], Cancel);

        var error = await Assert.ThrowsAsync<BadInputException>(() => probe.ProbeFileAsync(path, Cancel));

        Assert.Contains("undecodable image", error.Message);
        Assert.Contains("cut.png", error.Message);
        Assert.Equal(path, error.Errors[0].File);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_an_undecodable_image()
    {
        var path = TestImages.Write(folder.File("cut.jpg"), 320, 240, SKEncodedImageFormat.Jpeg);
        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)], Cancel);

        var error = await Assert.ThrowsAsync<BadInputException>(() => probe.ProbeFileAsync(path, Cancel));

        Assert.Contains("undecodable image", error.Message);
    }

    [Fact]
    public async Task A_wav_file_has_its_duration_from_the_data_chunk()
    {
        var path = TestImages.WriteWav(folder.File("clip.wav"), sampleRate: 8000, channels: 2, seconds: 1.5);

        var info = await probe.ProbeFileAsync(path, Cancel);

        Assert.Equal("audio/wav", info.MediaType);
        Assert.Equal(1.5, info.DurationSeconds!.Value, 9);
    }

    [Fact]
    public async Task A_truncated_wav_file_is_an_error()
    {
        var path = TestImages.WriteWav(folder.File("clip.wav"), 8000, 1, 1.0);
        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length - 1000)], Cancel);

        var error = await Assert.ThrowsAsync<BadInputException>(() => probe.ProbeFileAsync(path, Cancel));

        Assert.Contains("truncated WAV", error.Message);
        Assert.Equal(path, error.Errors[0].File);
    }

    [Fact]
    public async Task Mp3_ogg_and_flac_are_known_by_their_magic_bytes()
    {
        var mp3 = folder.File("song.bin");
        await File.WriteAllBytesAsync(mp3, [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, .. new byte[100]], Cancel);
        var flac = folder.File("song2.bin");
        // STREAMINFO: 44100 Hz (0x0AC44), 2 channels, 16 bits, 88200 samples = 2 seconds.
        byte[] streamInfo = [0x10, 0x00, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0x0A, 0xC4, 0x42, 0xF0, 0x00, 0x01, 0x58, 0x88, .. new byte[16]];
        await File.WriteAllBytesAsync(flac, [.. "fLaC"u8, 0x80, 0, 0, 34, .. streamInfo], Cancel);
        var ogg = folder.File("song3.bin");
        await File.WriteAllBytesAsync(ogg, [.. OggPage(granule: 0, [.. "\u0001vorbis"u8, 0, 0, 0, 0, 1, 0x44, 0xAC, 0, 0, .. new byte[18]]), .. new byte[500], .. OggPage(granule: 66150, new byte[20])], Cancel);

        Assert.Equal("audio/mpeg", (await probe.ProbeFileAsync(mp3, Cancel)).MediaType);
        var flacInfo = await probe.ProbeFileAsync(flac, Cancel);
        Assert.Equal("audio/flac", flacInfo.MediaType);
        Assert.Equal(2.0, flacInfo.DurationSeconds!.Value, 9);
        var oggInfo = await probe.ProbeFileAsync(ogg, Cancel);
        Assert.Equal("audio/ogg", oggInfo.MediaType);
        Assert.Equal(1.5, oggInfo.DurationSeconds!.Value, 9); // 66150 samples at 44100 Hz
    }

    /// <summary>An Ogg page with one segment: capture pattern, version, flags, granule position, serial, sequence, CRC (unchecked), segment table.</summary>
    private static byte[] OggPage(long granule, byte[] payload) =>
        [.. "OggS"u8, 0, 0, .. BitConverter.GetBytes(granule), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)payload.Length, .. payload];

    [Fact]
    public async Task Utf8_text_is_text_and_binary_junk_is_unsupported()
    {
        var text = folder.File("note.txt");
        await File.WriteAllTextAsync(text, "沙发在客厅里。\nThe sofa is in the living room.\n", Cancel);
        var junk = folder.File("junk.txt");
        await File.WriteAllBytesAsync(junk, [0x00, 0x01, 0xFE, 0x80, 0x81, 0x00], Cancel);

        Assert.Equal("text/plain", (await probe.ProbeFileAsync(text, Cancel)).MediaType);
        var error = await Assert.ThrowsAsync<BadInputException>(() => probe.ProbeFileAsync(junk, Cancel));
        Assert.Contains("unsupported file type", error.Message);
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused_before_reading()
    {
        var path = TestImages.Write(folder.File("big.png"), 64, 64);
        var small = new MediaProbe(new MediaProbeOptions { MaxBytes = 10 });

        var error = await Assert.ThrowsAsync<BadInputException>(() => small.ProbeFileAsync(path, Cancel));

        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_probed_too()
    {
        var path = TestImages.Write(folder.File("a.png"), 12, 7);
        await using var stream = new NonSeekableStream(File.OpenRead(path));

        var info = await probe.ProbeAsync(stream, "upload.png", Cancel);

        Assert.Equal((12, 7), (info.Width, info.Height));
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
