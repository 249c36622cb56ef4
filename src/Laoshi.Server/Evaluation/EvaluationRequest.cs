namespace Laoshi.Server.Evaluation;

/// <summary>What to measure: a model (any reference the model resolver knows) on a snapshot of a project.</summary>
/// <param name="SnapshotVersion">Null for the snapshot's newest version.</param>
public sealed record EvaluationRequest(string Project, string Model, string Snapshot, int? SnapshotVersion, string User);
