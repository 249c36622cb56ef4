using System.Text.Json.Nodes;
using Laoshi.Formats.LabelStudio;
using Laoshi.Storage;

namespace Laoshi.Server.Api;

// Request and response shapes of review and adjudication (ReviewApi).

public sealed record ReviewRequest(string Action, string? Comment, JsonArray? Result);

public sealed record AgreedRequest(JsonArray? Result, long? AnnotationId);

public sealed record ReviewSettingsRequest(double AgreementThreshold);

public sealed record ReviewResponse(long Id, long ItemId, long AnnotationId, int Version, string Annotator, string Reviewer, string Action,
    string? Comment, long? CorrectionId, DateTimeOffset CreatedAt, bool Answered)
{
    public static ReviewResponse From(ReviewRecord r) =>
        new(r.Id, r.ItemId, r.AnnotationId, r.Version, r.Annotator, r.Reviewer, r.Action, r.Comment, r.CorrectionId, r.CreatedAt, r.Answered);
}

public sealed record ReviewListResponse(IReadOnlyList<ReviewResponse> Reviews, string? Next);

public sealed record QueuedAnnotationResponse(long Id, long ItemId, int Version, JsonArray Result, double? LeadTime, string CompletedBy, DateTimeOffset CreatedAt)
{
    public static QueuedAnnotationResponse From(AnnotationRecord a) =>
        new(a.Id, a.ItemId, a.Version, LabelStudioResults.ToJson(a.Result), a.LeadTime, a.CreatedBy, a.CreatedAt);
}

public sealed record ReviewQueueResponse(IReadOnlyList<QueuedAnnotationResponse> Annotations, string? Next);

public sealed record AgreedResponse(long Id, long ItemId, JsonArray Result, string Source, long? AnnotationId, string? CompletedBy, string SetBy,
    DateTimeOffset CreatedAt)
{
    public static AgreedResponse From(AgreedAnswer a) =>
        new(a.Id, a.ItemId, LabelStudioResults.ToJson(a.Result), a.Source, a.SourceAnnotationId, a.AnsweredBy, a.SetBy, a.CreatedAt);
}

public sealed record AdjudicationEntryResponse(long ItemId, double Agreement, int Answers, IReadOnlyList<string> Annotators);

public sealed record AdjudicationResponse(IReadOnlyList<AdjudicationEntryResponse> Items, string? Next, double AgreementThreshold);

public sealed record ReviewSettingsResponse(double AgreementThreshold);
