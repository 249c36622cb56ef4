using System.Buffers.Binary;

namespace Laoshi.Learning.Tests.Audio;

/// <summary>Generated sounds for the audio tests: tones, hiss, voice-like bursts, written as WAV files.</summary>
public static class TestAudio
{
    public const int Rate = 16000;

    /// <summary>A voiced sound: a fundamental with a few harmonics, a little vibrato, and a little background hiss.</summary>
    public static float[] Tone(Random random, double seconds, double pitch, double amplitude = 0.4)
    {
        var samples = new float[(int)(seconds * Rate)];
        var phase = random.NextDouble() * Math.PI;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var f = pitch * (1 + 0.01 * Math.Sin(2 * Math.PI * 5 * t));
            phase += 2 * Math.PI * f / Rate;
            var v = Math.Sin(phase) + 0.5 * Math.Sin(2 * phase) + 0.25 * Math.Sin(3 * phase);
            samples[i] = (float)(amplitude * v / 1.75 + 0.005 * (random.NextDouble() * 2 - 1));
        }
        return samples;
    }

    /// <summary>Broadband hiss.</summary>
    public static float[] Noise(Random random, double seconds, double amplitude = 0.3)
    {
        var samples = new float[(int)(seconds * Rate)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(amplitude * (random.NextDouble() * 2 - 1));
        return samples;
    }

    public static float[] Mix(float[] a, float[] b) => [.. a.Zip(b, (x, y) => x + y)];

    /// <summary>
    /// Voice-like bursts (a tone with syllable-rate loudness) at the given [start, end) seconds, quiet hiss between them.
    /// </summary>
    public static float[] Bursts(Random random, double seconds, params (double Start, double End)[] bursts)
    {
        var samples = Noise(random, seconds, 0.002);
        foreach (var (start, end) in bursts)
        {
            var tone = Tone(random, end - start, 120 + random.NextDouble() * 80);
            var offset = (int)(start * Rate);
            for (var i = 0; i < tone.Length && offset + i < samples.Length; i++)
            {
                var t = (double)i / Rate;
                var syllables = 0.6 + 0.4 * Math.Abs(Math.Sin(Math.PI * 4 * t));
                samples[offset + i] += (float)(tone[i] * syllables);
            }
        }
        return samples;
    }

    /// <summary>16-bit PCM WAV with the samples on every channel.</summary>
    public static byte[] Wav(float[] samples, int rate = Rate, int channels = 1)
    {
        var data = samples.Length * 2 * channels;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + data));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(rate * 2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)data);
        for (var i = 0; i < samples.Length; i++)
        {
            var value = (short)Math.Clamp(Math.Round(samples[i] * 32767), short.MinValue, short.MaxValue);
            for (var c = 0; c < channels; c++) BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * channels + c) * 2)..], value);
        }
        return wav;
    }

    /// <summary>32-bit float WAV (format 3), mono.</summary>
    public static byte[] FloatWav(float[] samples, int rate = Rate)
    {
        var data = samples.Length * 4;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + data));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(rate * 4));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 32);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)data);
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(44 + i * 4)..], samples[i]);
        return wav;
    }
}
