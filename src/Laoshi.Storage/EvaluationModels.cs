namespace Laoshi.Storage;

/// <summary>A snapshot version marked as a test set.</summary>
public sealed record TestSnapshotInfo(long SnapshotId, long ProjectId, string Name, int Version, long ItemCount, string MarkedBy, DateTimeOffset MarkedAt);

/// <summary>What an evaluation stores: who measured which model on which snapshot, and the figures as JSON text.</summary>
/// <param name="Model">The model reference the user gave (e.g. predictions:v3, name@version).</param>
/// <param name="ModelVersion">The version the model reported.</param>
/// <param name="Summary">Small JSON object: the headline figures per control (for lists and trends).</param>
/// <param name="Report">JSON object: every figure, per control, with slices and curves.</param>
public sealed record NewEvaluation(long SnapshotId, string Model, string ModelVersion, string CreatedBy, double DurationMs, long ItemCount,
    string Summary, string Report);

/// <summary>A stored evaluation (the report text is read separately: it can be large).</summary>
public sealed record EvaluationInfo(long Id, long ProjectId, long SnapshotId, string SnapshotName, int SnapshotVersion, string Model,
    string ModelVersion, string CreatedBy, DateTimeOffset CreatedAt, double DurationMs, long ItemCount, string Summary);

/// <summary>
/// One item's outcome for one control. <paramref name="Score"/> is the item's own figure in [0, 1] (1 = right; the
/// F1 of its spans or boxes; 1 − WER clipped at 0), which slices average; Truth and Predicted are short JSON texts.
/// </summary>
public sealed record EvaluationItemResult(long ItemId, string Control, bool Correct, double Score, double? Confidence, string Truth, string Predicted);

/// <summary>
/// An item sent back to people, by an evaluation (a failure) or by a label-error search (LabelErrorJob: a suspect
/// label): open until someone resolves it.
/// </summary>
public sealed record EvaluationReviewRequest(long Id, long ProjectId, long ItemId, long? EvaluationId, string Control, string? Note, string RequestedBy,
    DateTimeOffset RequestedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt, long? LabelErrorJob = null);
