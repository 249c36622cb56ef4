using System.Buffers.Binary;

namespace Laoshi.Formats.Media;

/// <summary>
/// Reads an image's type and size from its first bytes without decoding it: the cheap path used where
/// only the size is needed (an import that lacks original_width, a YOLO label that needs pixels).
/// </summary>
public static class ImageHeader
{
    private const int HeadLength = 32;

    /// <summary>Reads from the stream's current position; null when the bytes are not a PNG, JPEG, GIF, BMP or WebP header.</summary>
    public static ImageHeaderInfo? TryRead(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[HeadLength];
        // Two bytes first: a JPEG is walked segment by segment from just after its start marker.
        if (ReadUpTo(stream, head[..2]) < 2) return null;
        if (head[0] == 0xFF && head[1] == 0xD8) return ReadJpegSegments(stream);
        var length = 2 + ReadUpTo(stream, head[2..]);
        head = head[..length];
        if (length < 26) return null;
        return TryPng(head) ?? TryGif(head) ?? TryBmp(head) ?? TryWebP(head);
    }

    /// <summary>Reads the header of a file; null when it is not a recognised image or cannot be opened.</summary>
    public static ImageHeaderInfo? TryReadFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            return TryRead(stream);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ImageHeaderInfo? TryPng(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!head.StartsWith(signature) || !head.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
        return Sized(MediaTypes.Png, BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]));
    }

    private static ImageHeaderInfo? TryGif(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("GIF87a"u8) && !head.StartsWith("GIF89a"u8)) return null;
        return Sized(MediaTypes.Gif, BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]));
    }

    private static ImageHeaderInfo? TryBmp(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("BM"u8)) return null;
        var dibSize = BinaryPrimitives.ReadUInt32LittleEndian(head[14..]);
        if (dibSize == 12)
            return Sized(MediaTypes.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(head[18..]), BinaryPrimitives.ReadUInt16LittleEndian(head[20..]));
        if (dibSize < 40) return null;
        // A negative height means the rows are stored top-down; the size is its absolute value.
        var width = BinaryPrimitives.ReadInt32LittleEndian(head[18..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(head[22..]);
        return width <= 0 || height == 0 || height == int.MinValue ? null : Sized(MediaTypes.Bmp, (uint)width, (uint)Math.Abs(height));
    }

    private static ImageHeaderInfo? TryWebP(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("RIFF"u8) || !head.Slice(8, 4).SequenceEqual("WEBP"u8)) return null;
        var chunk = head.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: a 3-byte frame tag and the start code 9D 01 2A precede 14-bit sizes.
            if (head[23] != 0x9D || head[24] != 0x01 || head[25] != 0x2A || head.Length < 30) return null;
            return Sized(MediaTypes.WebP,
                BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFFu,
                BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFFu);
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature 0x2F, then width-1 and height-1 packed in 14 bits each.
            if (head[20] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Sized(MediaTypes.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: canvas width-1 and height-1 as 24-bit little-endian numbers.
            if (head.Length < 30) return null;
            var width = head[24] | (head[25] << 8) | (head[26] << 16);
            var height = head[27] | (head[28] << 8) | (head[29] << 16);
            return Sized(MediaTypes.WebP, (uint)width + 1, (uint)height + 1);
        }
        return null;
    }

    /// <summary>Walks the JPEG segments from just after the start-of-image marker to the first frame header.</summary>
    private static ImageHeaderInfo? ReadJpegSegments(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[8];
        while (true)
        {
            var marker = stream.ReadByte();
            if (marker < 0) return null;
            if (marker != 0xFF) return null;
            // Any number of 0xFF fill bytes may precede a marker code.
            int code;
            do { code = stream.ReadByte(); } while (code == 0xFF);
            if (code < 0) return null;
            if (code is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) continue; // markers without a length
            if (code == 0xD9 || code == 0xDA) return null;                  // end of image or start of scan before any frame
            if (ReadUpTo(stream, buffer[..2]) < 2) return null;
            var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(buffer) - 2;
            if (segmentLength < 0) return null;
            var isFrame = code is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (segmentLength < 5 || ReadUpTo(stream, buffer[..5]) < 5) return null;
                return Sized(MediaTypes.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(buffer[3..]), BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]));
            }
            if (!Skip(stream, segmentLength)) return null;
        }
    }

    private static ImageHeaderInfo? Sized(string mediaType, uint width, uint height) =>
        width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue ? null : new ImageHeaderInfo(mediaType, (int)width, (int)height);

    private static bool Skip(Stream stream, int count)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length) return false;
            stream.Seek(count, SeekOrigin.Current);
            return true;
        }
        Span<byte> discard = stackalloc byte[512];
        while (count > 0)
        {
            var read = stream.Read(discard[..Math.Min(count, discard.Length)]);
            if (read == 0) return false;
            count -= read;
        }
        return true;
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
