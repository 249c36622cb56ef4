using Laoshi.Core.Regions;

namespace Laoshi.Storage;

/// <summary>What a reviewer may do with an annotation.</summary>
public static class ReviewActions
{
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string Correct = "correct";

    public static bool IsKnown(string? action) => action is Accept or Reject or Correct;
}

/// <summary>Where an item's agreed answer came from.</summary>
public static class AgreedSources
{
    /// <summary>A reviewer accepted or corrected the item's only current answer.</summary>
    public const string Review = "review";
    /// <summary>A reviewer chose it on the adjudication queue (one person's answer, or their own).</summary>
    public const string Adjudication = "adjudication";
}

/// <summary>
/// A reviewer's verdict on one annotation version. <paramref name="CorrectionId"/> is the annotation version the
/// correction created; <paramref name="Answered"/> says the annotator has submitted a newer version since.
/// </summary>
public sealed record ReviewRecord(long Id, long ProjectId, long ItemId, long AnnotationId, int Version, string Annotator, string Reviewer,
    string Action, string? Comment, long? CorrectionId, DateTimeOffset CreatedAt, bool Answered);

/// <summary>The review queue's filter: only this annotator's work; never the caller's own work.</summary>
public sealed record ReviewQueueQuery(int Limit = 50, string? Cursor = null, string? Annotator = null, string? Reviewer = null);

/// <summary>
/// The answer an item's snapshots and exports take. <paramref name="SourceAnnotationId"/> is the annotation it was
/// taken from (null when the reviewer wrote it); <paramref name="AnsweredBy"/> that annotation's author.
/// </summary>
public sealed record AgreedAnswer(long Id, long ItemId, IReadOnlyList<Region> Result, string Source, long? SourceAnnotationId,
    string? AnsweredBy, string SetBy, DateTimeOffset CreatedAt);

/// <summary>An item on the adjudication queue: how much its current (not rejected) answers agree, and whose they are.</summary>
public sealed record AdjudicationEntry(long ItemId, double Agreement, int Answers, IReadOnlyList<string> Annotators);

public sealed record ReviewSettings(double AgreementThreshold)
{
    /// <summary>By default any disagreement at all needs adjudication.</summary>
    public static ReviewSettings Default { get; } = new(1.0);
}

public sealed record AnnotatorReviewStats(string Annotator, long Reviewed, long Accepted, long Rejected, long Corrected, double RejectionRate);

/// <summary>Verdicts given on one UTC day (yyyy-MM-dd).</summary>
public sealed record DailyReviewStats(string Day, long Reviewed, long Accepted, long Rejected, long Corrected);

public sealed record ReviewStats(long Reviewed, long Accepted, long Rejected, long Corrected, double RejectionRate,
    IReadOnlyList<AnnotatorReviewStats> Annotators, IReadOnlyList<DailyReviewStats> Days);
