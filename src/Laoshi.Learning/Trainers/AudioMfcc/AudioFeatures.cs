using Laoshi.Learning.Audio;
using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Base;
using NWaves.FeatureExtractors.Options;

namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// One fixed-length vector per clip, whatever its length: the mean and spread over time of its MFCCs (and of their
/// deltas, how fast the timbre moves), then prosody, which carries much of what a voice's emotion sounds like —
/// pitch (mean, spread, lowest, highest, in log Hz over voiced frames), loudness (mean, spread, peak in dBFS), zero
/// crossings (mean, spread: noisy vs tonal), duration (log seconds) and the share of frames that are voiced.
/// </summary>
public static class AudioFeatures
{
    private const double HopSeconds = 0.010;
    private const float SilentDb = -120;

    public static float[] Extract(AudioClip clip, AudioFeatureOptions options)
    {
        var rate = clip.SampleRate;
        var frame = Math.Max(16, (int)Math.Round(options.FrameMs / 1000 * rate));
        var hop = Math.Max(1, (int)Math.Round(HopSeconds * rate));
        // A clip shorter than one frame is padded with silence so that it still has one.
        var samples = clip.Samples.Length >= frame ? clip.Samples : [.. clip.Samples, .. new float[frame - clip.Samples.Length]];

        var mfccOptions = new MfccOptions
        {
            SamplingRate = rate,
            FeatureCount = options.MfccCount,
            FrameSize = frame,
            HopSize = hop,
            FilterBankSize = Math.Max(26, options.MfccCount + 2),
            // Mel bands stop at 8 kHz (or Nyquist): clips recorded at different rates then describe the same range.
            HighFrequency = Math.Min(8000, rate / 2.0),
        };
        var mfcc = new MfccExtractor(mfccOptions).ComputeFrom(samples);
        var features = new List<float>(options.Length);
        AddMeanAndSpread(features, mfcc, options.MfccCount);
        if (options.Deltas)
        {
            var withDeltas = mfcc.Select(v => (float[])v.Clone()).ToList();
            FeaturePostProcessing.AddDeltas(withDeltas, includeDeltaDelta: false);
            var deltas = withDeltas.Select(v => v[options.MfccCount..]).ToList();
            AddMeanAndSpread(features, deltas, options.MfccCount);
        }
        AddProsody(features, samples, clip, frame, hop);
        return [.. features.Select(f => float.IsFinite(f) ? f : 0f)];
    }

    private static void AddMeanAndSpread(List<float> features, IReadOnlyList<float[]> frames, int width)
    {
        var mean = new double[width];
        var square = new double[width];
        foreach (var vector in frames)
            for (var i = 0; i < width; i++)
            {
                mean[i] += vector[i];
                square[i] += (double)vector[i] * vector[i];
            }
        var n = Math.Max(1, frames.Count);
        for (var i = 0; i < width; i++) features.Add((float)(mean[i] / n));
        for (var i = 0; i < width; i++) features.Add((float)Math.Sqrt(Math.Max(0, square[i] / n - Math.Pow(mean[i] / n, 2))));
    }

    private static void AddProsody(List<float> features, float[] samples, AudioClip clip, int frame, int hop)
    {
        var levels = new List<float>();
        var crossings = new List<float>();
        for (var start = 0; start + frame <= samples.Length; start += hop)
        {
            double energy = 0;
            var changes = 0;
            for (var i = start; i < start + frame; i++)
            {
                energy += (double)samples[i] * samples[i];
                if (i > start && (samples[i] >= 0) != (samples[i - 1] >= 0)) changes++;
            }
            levels.Add((float)Math.Max(SilentDb, 10 * Math.Log10(energy / frame + 1e-30)));
            crossings.Add((float)changes / (frame - 1));
        }

        // Pitch by autocorrelation in the range of voices (60–500 Hz); the frame must hold two periods of the lowest.
        // It is the costliest feature, so it is taken every other hop (20 ms), which prosody statistics do not miss.
        var pitchFrame = Math.Max(frame, (int)Math.Ceiling(2.0 * clip.SampleRate / 60));
        var pitches = samples.Length >= pitchFrame
            ? new PitchExtractor(new PitchOptions
            {
                SamplingRate = clip.SampleRate, FrameSize = pitchFrame, HopSize = 2 * hop, LowFrequency = 60, HighFrequency = Math.Min(500, clip.SampleRate / 2.0 - 1),
            }).ComputeFrom(samples).Select(v => v[0]).ToList()
            : [];

        // Voiced: loud relative to the clip's peak, tonal rather than hissy (few zero crossings), with a pitch found.
        var peak = levels.Count == 0 ? SilentDb : levels.Max();
        var voicedPitches = new List<double>();
        for (var f = 0; f < levels.Count; f++)
        {
            var loud = levels[f] >= Math.Max(peak - 30, -60);
            var tonal = crossings[f] < 0.25;
            if (loud && tonal && f / 2 < pitches.Count && pitches[f / 2] is > 0 and var p) voicedPitches.Add(Math.Log(p));
        }

        AddStatistics(features, voicedPitches, withExtremes: true);
        AddStatistics(features, [.. levels.Select(l => (double)l)], withExtremes: false);
        features.Add(peak);
        AddStatistics(features, [.. crossings.Select(c => (double)c)], withExtremes: false);
        features.Add((float)Math.Log(1 + clip.Duration));
        features.Add(levels.Count == 0 ? 0 : (float)voicedPitches.Count / levels.Count);
    }

    /// <summary>Mean and standard deviation (and lowest, highest); zeros when there is nothing to measure.</summary>
    private static void AddStatistics(List<float> features, IReadOnlyList<double> values, bool withExtremes)
    {
        var mean = values.Count == 0 ? 0 : values.Average();
        var spread = values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        features.Add((float)mean);
        features.Add((float)spread);
        if (!withExtremes) return;
        features.Add(values.Count == 0 ? 0 : (float)values.Min());
        features.Add(values.Count == 0 ? 0 : (float)values.Max());
    }
}
