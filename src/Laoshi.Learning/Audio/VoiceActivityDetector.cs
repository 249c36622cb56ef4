namespace Laoshi.Learning.Audio;

/// <summary>
/// Energy-based voice activity detection: one level per frame while the audio streams past (flat memory, one float per
/// frame), then a decision over the whole clip's levels, since the noise floor is only known once it has all been heard.
/// </summary>
public static class VoiceActivityDetector
{
    /// <summary>Levels of silence: digital zero is far below any threshold, not minus infinity.</summary>
    private const double Floor = -120;

    public static async Task<IReadOnlyList<VoiceSegment>> DetectAsync(WavReader audio, VoiceActivityOptions options, CancellationToken cancellationToken)
    {
        var frameLength = Math.Max(1, (int)Math.Round(options.FrameMs / 1000 * audio.SampleRate));
        var levels = new List<float>();
        var block = new float[frameLength * 64];
        double energy = 0;
        var filled = 0;
        long samples = 0;
        int n;
        while ((n = await audio.ReadAsync(block, cancellationToken)) > 0)
        {
            samples += n;
            for (var i = 0; i < n; i++)
            {
                energy += (double)block[i] * block[i];
                if (++filled < frameLength) continue;
                levels.Add(Level(energy, filled));
                energy = 0;
                filled = 0;
            }
        }
        // A last partial frame longer than half a frame still counts; shorter ones are too few samples to judge.
        if (filled * 2 >= frameLength) levels.Add(Level(energy, filled));
        return Segments(levels, (double)frameLength / audio.SampleRate, (double)samples / audio.SampleRate, options);
    }

    /// <summary>Turns per-frame levels (dBFS) into voice segments; frame i covers [i·frameSeconds, (i+1)·frameSeconds).</summary>
    public static IReadOnlyList<VoiceSegment> Segments(IReadOnlyList<float> levels, double frameSeconds, double duration, VoiceActivityOptions options)
    {
        if (levels.Count == 0) return [];
        var sorted = levels.Order().ToArray();
        var noiseFloor = sorted[(int)(0.1 * (sorted.Length - 1))];
        var threshold = Math.Max(options.MinDb, noiseFloor + options.ThresholdDb);
        var active = levels.Select(l => l >= threshold).ToArray();

        // Runs of active frames, as [first, last+1) frame indices.
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < active.Length; i++)
        {
            if (!active[i]) continue;
            var start = i;
            while (i < active.Length && active[i]) i++;
            runs.Add((start, i));
        }
        var bridge = options.MinSilenceMs / 1000 / frameSeconds;
        var merged = new List<(int Start, int End)>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && run.Start - merged[^1].End < bridge) merged[^1] = (merged[^1].Start, run.End);
            else merged.Add(run);
        }

        // Drop short ones, widen the rest by the padding, and join those that the padding made touch.
        var pad = options.PadMs / 1000;
        var joined = new List<(double Start, double End, int Frames, int Loud)>();
        foreach (var (start, end) in merged)
        {
            if ((end - start) * frameSeconds < options.MinSpeechMs / 1000) continue;
            var loud = 0;
            for (var i = start; i < end; i++) if (active[i]) loud++;
            var from = Math.Max(0, start * frameSeconds - pad);
            var to = Math.Min(duration, end * frameSeconds + pad);
            if (joined.Count > 0 && from <= joined[^1].End)
                joined[^1] = (joined[^1].Start, to, joined[^1].Frames + end - start, joined[^1].Loud + loud);
            else
                joined.Add((from, to, end - start, loud));
        }
        var segments = joined.Select(j => new VoiceSegment(j.Start, j.End, (double)j.Loud / j.Frames));
        return [.. segments.Select(s => new VoiceSegment(Math.Round(s.Start, 3), Math.Round(s.End, 3), Math.Round(s.Score, 4)))];
    }

    private static float Level(double energy, int count) => (float)Math.Max(Floor, 10 * Math.Log10(energy / count + 1e-30));
}
