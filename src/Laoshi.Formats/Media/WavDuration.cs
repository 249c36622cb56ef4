using System.Buffers.Binary;
using Laoshi.Core.Errors;

namespace Laoshi.Formats.Media;

/// <summary>Reads a WAV file's RIFF chunks to find its length; a data chunk longer than the file means a truncated copy.</summary>
internal static class WavDuration
{
    public static double Read(Stream stream, string name)
    {
        Span<byte> header = stackalloc byte[12];
        stream.Position = 0;
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12)
            throw new BadInputException("truncated WAV: no RIFF header", name);

        long byteRate = 0;
        var sawFormat = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        Span<byte> format = stackalloc byte[16];
        while (stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) == 8)
        {
            var id = chunkHeader[..4];
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var remaining = stream.Length - stream.Position;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || stream.ReadAtLeast(format, 16, throwOnEndOfStream: false) < 16)
                    throw new BadInputException("invalid WAV: the fmt chunk is too short", name);
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(format[8..]);
                if (byteRate == 0)
                    throw new BadInputException("invalid WAV: the fmt chunk declares a byte rate of 0", name);
                sawFormat = true;
                stream.Seek(size - 16 + (size & 1), SeekOrigin.Current);
                continue;
            }
            if (id.SequenceEqual("data"u8))
            {
                if (!sawFormat)
                    throw new BadInputException("invalid WAV: the data chunk comes before any fmt chunk", name);
                // Streaming recorders write 0 or 0xFFFFFFFF when they never came back to fill the size in.
                if (size is 0 or uint.MaxValue) size = remaining;
                if (size > remaining)
                    throw new BadInputException($"truncated WAV: the data chunk declares {size} bytes but only {remaining} follow", name);
                return (double)size / byteRate;
            }
            if (size + (size & 1) > remaining)
                throw new BadInputException($"truncated WAV: chunk '{System.Text.Encoding.ASCII.GetString(id)}' runs past the end of the file", name);
            stream.Seek(size + (size & 1), SeekOrigin.Current);
        }
        throw new BadInputException("truncated WAV: no data chunk", name);
    }
}
