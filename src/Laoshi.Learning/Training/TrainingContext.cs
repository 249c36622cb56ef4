using Laoshi.Learning.External;

namespace Laoshi.Learning.Training;

/// <summary>
/// What a training run may use besides its data: the seed (the same seed, data and parameters give the same model),
/// where media bytes come from, the version the trained model answers under, and where progress goes.
/// </summary>
public sealed record TrainingContext(int Seed, IMediaSource Media, string Version = "trained", IProgress<TrainingProgress>? Progress = null);

/// <summary>How far one training is (0..1) and what it is doing, for progress bars and job logs.</summary>
public sealed record TrainingProgress(double Fraction, string Message);
