namespace Laoshi.Learning.Audio;

/// <summary>A stretch of voice in seconds, with the share of its frames that were loud enough (bridged pauses lower it).</summary>
public sealed record VoiceSegment(double Start, double End, double Score);
