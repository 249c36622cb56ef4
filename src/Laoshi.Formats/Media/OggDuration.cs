using System.Buffers.Binary;

namespace Laoshi.Formats.Media;

/// <summary>
/// Reads an Ogg Vorbis or Opus file's length: the sample rate from the first page's identification
/// header and the granule position (samples so far) of the last page, found near the end of the file.
/// </summary>
internal static class OggDuration
{
    private const int TailLength = 64 * 1024;

    public static double? TryRead(Stream stream)
    {
        var rate = SampleRate(stream);
        if (rate is null) return null;
        var tailLength = (int)Math.Min(stream.Length, TailLength);
        var tail = new byte[tailLength];
        stream.Position = stream.Length - tailLength;
        if (stream.ReadAtLeast(tail, tailLength, throwOnEndOfStream: false) < tailLength) return null;
        var last = tail.AsSpan().LastIndexOf("OggS"u8);
        if (last < 0 || last + 14 > tail.Length) return null;
        var granule = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(last + 6));
        return granule <= 0 ? null : (double)granule / rate.Value;
    }

    private static int? SampleRate(Stream stream)
    {
        Span<byte> page = stackalloc byte[27 + 255 + 32];
        stream.Position = 0;
        var read = stream.ReadAtLeast(page, page.Length, throwOnEndOfStream: false);
        if (read < 28) return null;
        var payload = page[..read][(27 + page[26])..];
        if (payload.StartsWith("\u0001vorbis"u8) && payload.Length >= 16)
            return (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]);
        // Opus granule positions always count 48 kHz samples, whatever the input rate was.
        if (payload.StartsWith("OpusHead"u8)) return 48_000;
        return null;
    }
}
