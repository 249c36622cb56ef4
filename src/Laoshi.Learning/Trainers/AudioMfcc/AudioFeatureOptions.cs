namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// How a clip becomes a feature vector: MfccCount cepstral coefficients per FrameMs frame (10 ms hop), their deltas
/// when Deltas, and only the first MaxSeconds of each clip (a long recording costs no more than that).
/// </summary>
public sealed record AudioFeatureOptions(int MfccCount = 13, bool Deltas = true, double FrameMs = 25, double MaxSeconds = 30)
{
    /// <summary>Pitch, energy, zero crossings, duration and voiced share: see <see cref="AudioFeatures"/>.</summary>
    public const int ProsodicCount = 11;

    public int Length => MfccCount * (Deltas ? 4 : 2) + ProsodicCount;
}
