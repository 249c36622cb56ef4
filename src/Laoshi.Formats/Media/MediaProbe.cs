using System.Text;
using Laoshi.Core.Errors;

namespace Laoshi.Formats.Media;

/// <summary>
/// Finds what a file is from its bytes, never its extension: PNG, JPEG, GIF, BMP, WebP (size from the header,
/// then a full decode to catch damaged files), WAV (length from its chunks), MP3, Ogg, FLAC, or UTF-8 text.
/// Anything else, or anything damaged, is a <see cref="BadInputException"/> naming the file.
/// </summary>
public sealed class MediaProbe(MediaProbeOptions? options = null)
{
    private const int SniffLength = 64;
    private readonly MediaProbeOptions options = options ?? new MediaProbeOptions();

    public async Task<MediaInfo> ProbeFileAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.Asynchronous });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot open file: {e.Message}", path);
        }
        await using (stream)
            return await ProbeAsync(stream, path, cancellationToken);
    }

    /// <summary>Probes a stream; one that cannot seek is first copied to a temporary file (up to the size limit).</summary>
    public async Task<MediaInfo> ProbeAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        if (stream.CanSeek) return await ProbeSeekableAsync(stream, name, cancellationToken);

        var temporary = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (temporary)
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (temporary.Length + read > options.MaxBytes) throw TooLarge(name);
                await temporary.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return await ProbeSeekableAsync(temporary, name, cancellationToken);
        }
    }

    private async Task<MediaInfo> ProbeSeekableAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        if (stream.Length > options.MaxBytes) throw TooLarge(name);
        if (stream.Length == 0) throw new BadInputException("empty file", name);

        var head = new byte[SniffLength];
        stream.Position = 0;
        var length = await stream.ReadAtLeastAsync(head, SniffLength, throwOnEndOfStream: false, cancellationToken);
        var sniffed = head.AsSpan(0, length);

        if (IsImage(sniffed))
        {
            stream.Position = 0;
            var header = ImageHeader.TryRead(stream)
                ?? throw new BadInputException($"undecodable image {name}: the header is damaged", name);
            if (options.VerifyImages) ImageVerifier.Verify(stream, name, options.MaxPixels);
            return new MediaInfo(header.MediaType, header.Width, header.Height, null);
        }
        if (sniffed.StartsWith("RIFF"u8) && length >= 12 && sniffed[8..12].SequenceEqual("WAVE"u8))
            return new MediaInfo(MediaTypes.Wav, null, null, WavDuration.Read(stream, name));
        if (sniffed.StartsWith("fLaC"u8))
            return new MediaInfo(MediaTypes.Flac, null, null, FlacDuration.TryRead(stream));
        if (sniffed.StartsWith("OggS"u8))
            return new MediaInfo(MediaTypes.Ogg, null, null, OggDuration.TryRead(stream));
        if (IsMp3(sniffed))
            return new MediaInfo(MediaTypes.Mp3, null, null, null); // an exact length needs every frame read: not cheap
        if (await IsUtf8TextAsync(stream, cancellationToken))
            return new MediaInfo(MediaTypes.Text, null, null, null);
        throw new BadInputException("unsupported file type: not an image (PNG, JPEG, GIF, BMP, WebP), audio (WAV, MP3, Ogg, FLAC) or UTF-8 text", name);
    }

    private static bool IsImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || head.StartsWith("GIF8"u8)
        || head.StartsWith("BM"u8) && head.Length >= 18
        || head.StartsWith("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8);

    private static bool IsMp3(ReadOnlySpan<byte> head) =>
        head.StartsWith("ID3"u8)
        // An MPEG audio frame sync: 11 set bits, a version other than "reserved" and a layer other than "reserved".
        || head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0;

    /// <summary>True when the whole stream is valid UTF-8 without NUL or other binary control characters.</summary>
    private static async Task<bool> IsUtf8TextAsync(Stream stream, CancellationToken cancellationToken)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[64 * 1024 + 4];
        stream.Position = 0;
        int read;
        try
        {
            do
            {
                read = await stream.ReadAsync(bytes, cancellationToken);
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                foreach (var c in chars.AsSpan(0, count))
                {
                    if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f')) return false;
                }
            }
            while (read > 0);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return true;
    }

    private BadInputException TooLarge(string name) =>
        new($"file too large: the limit is {options.MaxBytes} bytes", name);
}
