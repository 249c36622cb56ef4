using Laoshi.Learning.Training;

namespace Laoshi.Server.Training;

/// <summary>A snapshot read for a trainer, and how many of its items were left out (unanswered for the control, or unfit).</summary>
public sealed record SnapshotTrainingSet(TrainingSet Data, long Skipped);
