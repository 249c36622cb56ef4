using System.Buffers.Binary;

namespace Laoshi.Server.Demo;

public sealed record DemoSegment(double Start, double End, string Label, string? Transcript);

public sealed record DemoClip(byte[] Wav, double Duration, IReadOnlyList<DemoSegment> Segments);

/// <summary>
/// Synthesises clips of telephone key tones (DTMF) and noise bursts: the digits dialled are a true
/// transcript of each tone segment, so the demo's audio project has real answers without speech data.
/// </summary>
public static class DemoAudio
{
    private const int SampleRate = 16000;
    private static readonly Dictionary<char, (double Low, double High)> Keys = new()
    {
        ['1'] = (697, 1209), ['2'] = (697, 1336), ['3'] = (697, 1477),
        ['4'] = (770, 1209), ['5'] = (770, 1336), ['6'] = (770, 1477),
        ['7'] = (852, 1209), ['8'] = (852, 1336), ['9'] = (852, 1477),
        ['*'] = (941, 1209), ['0'] = (941, 1336), ['#'] = (941, 1477),
    };

    public static DemoClip Synthesize(Random random)
    {
        var samples = new List<short>();
        var segments = new List<DemoSegment>();
        AddSilence(samples, 0.3 + random.NextDouble() * 0.3);
        var parts = random.Next(2, 4);
        for (var part = 0; part < parts; part++)
        {
            var start = (double)samples.Count / SampleRate;
            if (random.NextDouble() < 0.7)
            {
                var digits = new string(Enumerable.Range(0, random.Next(3, 7)).Select(_ => "0123456789"[random.Next(10)]).ToArray());
                foreach (var digit in digits)
                {
                    AddTone(samples, Keys[digit], 0.12);
                    AddSilence(samples, 0.06);
                }
                segments.Add(new DemoSegment(start, (double)samples.Count / SampleRate, "digits", string.Join(' ', digits.ToCharArray())));
            }
            else
            {
                AddNoise(samples, random, 0.4 + random.NextDouble() * 0.5);
                segments.Add(new DemoSegment(start, (double)samples.Count / SampleRate, "noise", null));
            }
            AddSilence(samples, 0.25 + random.NextDouble() * 0.4);
        }
        return new DemoClip(EncodeWav(samples), (double)samples.Count / SampleRate, segments);
    }

    private static void AddSilence(List<short> samples, double seconds) =>
        samples.AddRange(Enumerable.Repeat((short)0, (int)(seconds * SampleRate)));

    private static void AddTone(List<short> samples, (double Low, double High) key, double seconds)
    {
        var count = (int)(seconds * SampleRate);
        for (var i = 0; i < count; i++)
        {
            var t = (double)i / SampleRate;
            var value = 0.35 * Math.Sin(2 * Math.PI * key.Low * t) + 0.35 * Math.Sin(2 * Math.PI * key.High * t);
            samples.Add((short)(value * short.MaxValue));
        }
    }

    private static void AddNoise(List<short> samples, Random random, double seconds)
    {
        var count = (int)(seconds * SampleRate);
        for (var i = 0; i < count; i++) samples.Add((short)((random.NextDouble() - 0.5) * 0.5 * short.MaxValue));
    }

    private static byte[] EncodeWav(List<short> samples)
    {
        var dataBytes = samples.Count * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Count; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], samples[i]);
        return wav;
    }
}
