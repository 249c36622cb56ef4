namespace Laoshi.Learning.Audio;

/// <summary>
/// How energy-based voice activity detection decides. A frame is active when its level (dBFS) is ThresholdDb above
/// the clip's noise floor (its 10th-percentile frame level) and above MinDb; pauses shorter than MinSilenceMs are
/// bridged, segments shorter than MinSpeechMs dropped, and each segment widened by PadMs on both sides.
/// </summary>
public sealed record VoiceActivityOptions(
    double FrameMs = 20,
    double ThresholdDb = 12,
    double MinDb = -50,
    double MinSilenceMs = 300,
    double MinSpeechMs = 150,
    double PadMs = 50);
