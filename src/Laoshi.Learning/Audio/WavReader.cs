using System.Buffers.Binary;
using Laoshi.Core.Errors;

namespace Laoshi.Learning.Audio;

/// <summary>
/// Reads a WAV file's samples as they stream in, mixed down to mono floats in -1..1: PCM 8/16/24/32-bit and IEEE
/// float 32/64-bit, plain or WAVE_FORMAT_EXTENSIBLE. Chunks are skipped by reading, so the stream need not seek and an
/// hour of audio never sits in memory at once. Other containers (MP3, OGG, FLAC) are refused by name: convert them first.
/// </summary>
public sealed class WavReader
{
    private const int FormatPcm = 1;
    private const int FormatFloat = 3;
    private const int FormatExtensible = 0xFFFE;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly int _bytesPerSample;
    private readonly bool _float;
    private long _bytesLeft;
    private byte[] _buffer = [];

    private WavReader(Stream stream, string name, int sampleRate, int channels, int bytesPerSample, bool isFloat, long dataBytes)
    {
        _stream = stream;
        _name = name;
        SampleRate = sampleRate;
        Channels = channels;
        _bytesPerSample = bytesPerSample;
        _float = isFloat;
        _bytesLeft = dataBytes;
        Duration = dataBytes == long.MaxValue ? double.NaN : (double)(dataBytes / (bytesPerSample * channels)) / sampleRate;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Seconds of audio the data chunk declares; NaN when a streamed recording left the size out.</summary>
    public double Duration { get; }

    /// <summary>Reads the header up to the first sample; the stream is left positioned on the audio data.</summary>
    public static async Task<WavReader> OpenAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        if (await stream.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, cancellationToken) < 12
            || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw new BadInputException($"{name} is not a WAV file; audio models read WAV (PCM or float): convert other formats first", file: name, field: "audio");

        var chunk = new byte[8];
        (int Format, int Channels, int Rate, int Bits)? format = null;
        while (await stream.ReadAtLeastAsync(chunk, 8, throwOnEndOfStream: false, cancellationToken) == 8)
        {
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                if (size < 16) throw Bad(name, "its fmt chunk is too short");
                var body = new byte[size + (size & 1)];
                if (await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken) < size)
                    throw Bad(name, "it ends inside its fmt chunk");
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
                // The extensible header keeps the real format in the first two bytes of its sub-format GUID.
                if (tag == FormatExtensible && size >= 26) tag = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(24));
                format = (tag, BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2)), (int)BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(4)),
                    BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14)));
                continue;
            }
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                if (format is not { } f) throw Bad(name, "its data chunk comes before any fmt chunk");
                var isFloat = f.Format == FormatFloat;
                if (f.Format is not (FormatPcm or FormatFloat) || (isFloat ? f.Bits is not (32 or 64) : f.Bits is not (8 or 16 or 24 or 32)))
                    throw Bad(name, $"its encoding (format {f.Format}, {f.Bits} bits) is not PCM 8/16/24/32-bit or float 32/64-bit");
                if (f.Channels < 1 || f.Rate < 1) throw Bad(name, $"it declares {f.Channels} channels at {f.Rate} Hz");
                // Recorders that never came back to fill in the size write 0 or 0xFFFFFFFF: read to the end then.
                var bytes = size is 0 or uint.MaxValue ? long.MaxValue : size;
                return new WavReader(stream, name, f.Rate, f.Channels, f.Bits / 8, isFloat, bytes);
            }
            await SkipAsync(stream, size + (size & 1), cancellationToken);
        }
        throw Bad(name, "it has no data chunk");
    }

    /// <summary>Fills <paramref name="mono"/> with the next samples (channels averaged); 0 at the end of the audio.</summary>
    public async ValueTask<int> ReadAsync(float[] mono, CancellationToken cancellationToken)
    {
        var frameBytes = _bytesPerSample * Channels;
        var wanted = (int)Math.Min((long)mono.Length * frameBytes, _bytesLeft / frameBytes * frameBytes);
        if (wanted <= 0) return 0;
        if (_buffer.Length < wanted) _buffer = new byte[wanted];
        var got = await _stream.ReadAtLeastAsync(_buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
        var frames = got / frameBytes;
        _bytesLeft = frames * frameBytes < wanted ? 0 : _bytesLeft - got;
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < Channels; c++) sum += Sample(_buffer.AsSpan((i * Channels + c) * _bytesPerSample, _bytesPerSample));
            mono[i] = (float)(sum / Channels);
        }
        return frames;
    }

    /// <summary>Reads up to <paramref name="maxSeconds"/> of audio into one array.</summary>
    public async Task<float[]> ReadAllAsync(double maxSeconds, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(int.MaxValue / 2, Math.Ceiling(maxSeconds * SampleRate));
        var expected = double.IsFinite(Duration) ? (int)Math.Min(limit, Math.Ceiling(Duration * SampleRate)) : limit;
        var samples = new List<float>(Math.Max(0, Math.Min(expected, 1 << 24)));
        var block = new float[8192];
        while (samples.Count < limit)
        {
            var n = await ReadAsync(block, cancellationToken);
            if (n == 0) break;
            samples.AddRange(block.AsSpan(0, Math.Min(n, limit - samples.Count)));
        }
        return [.. samples];
    }

    private float Sample(ReadOnlySpan<byte> b) => _bytesPerSample switch
    {
        1 => (b[0] - 128) / 128f,
        2 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
        3 => ((b[0] << 8) | (b[1] << 16) | (b[2] << 24)) / 2147483648f,
        4 when _float => BinaryPrimitives.ReadSingleLittleEndian(b),
        4 => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648f,
        _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    private static async Task SkipAsync(Stream stream, long bytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }
        var scratch = new byte[8192];
        while (bytes > 0)
        {
            var n = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, bytes)), cancellationToken);
            if (n == 0) return;
            bytes -= n;
        }
    }

    private static BadInputException Bad(string name, string why) =>
        new($"{name} cannot be read as WAV: {why}", file: name, field: "audio");
}
