namespace Laoshi.Formats.Media;

/// <summary>Reads a FLAC file's length from its STREAMINFO block, which always comes first.</summary>
internal static class FlacDuration
{
    public static double? TryRead(Stream stream)
    {
        // "fLaC", a 4-byte block header, then STREAMINFO: sample rate in 20 bits at byte 10, total samples in 36 bits from byte 13.
        Span<byte> head = stackalloc byte[8 + 18];
        stream.Position = 0;
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length) return null;
        if ((head[4] & 0x7F) != 0) return null;
        var info = head[8..];
        var sampleRate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
        var totalSamples = ((long)(info[13] & 0x0F) << 32) | ((long)info[14] << 24) | ((long)info[15] << 16) | ((long)info[16] << 8) | info[17];
        return sampleRate == 0 || totalSamples == 0 ? null : (double)totalSamples / sampleRate;
    }
}
