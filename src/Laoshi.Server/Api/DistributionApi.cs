using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Formats.LabelStudio;
using Laoshi.Server.Access;
using Laoshi.Server.Distribution;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>
/// Work distribution: the project's settings (overlap, order, lease, gold rate), skipping an item, gold items and
/// accuracy on them, and the qualification exam. The next-item call itself stays in <see cref="ItemsApi"/>.
/// </summary>
public static class DistributionApi
{
    public static RouteGroupBuilder MapDistributionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/distribution", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(DistributionResponse.From(await store.Distribution.GetSettingsAsync(project.Id, ct),
                await store.Priorities.LastScoringAsync(project.Id, ct)));
        }).WithName("GetDistribution").RequireProjectRole(ProjectRole.Manager)
          .WithSummary("How the project hands out work: overlap, order, lease length, gold rate.");

        api.MapPut("/projects/{p}/distribution", async (string p, HttpRequest request, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(request, ct);
            var current = await store.Distribution.GetSettingsAsync(project.Id, ct);
            var overlap = ApiJson.OptionalNumber(body, "overlap");
            if (overlap is { } o && o != Math.Floor(o)) throw new BadInputException("overlap must be a whole number", path: "$.overlap", field: "overlap");
            var leaseMinutes = ApiJson.OptionalNumber(body, "lease_minutes");
            var updated = current with
            {
                Overlap = overlap is { } whole ? (int)Math.Clamp(whole, int.MinValue, int.MaxValue) : current.Overlap,
                Order = ApiJson.OptionalString(body, "order") ?? current.Order,
                Lease = leaseMinutes is { } minutes ? TimeSpan.FromMinutes(Math.Clamp(minutes, 0, 1e7)) : current.LeaseLength,
                GoldRate = ApiJson.OptionalNumber(body, "gold_rate") ?? current.GoldRate,
                RandomShare = ApiJson.OptionalNumber(body, "random_share") ?? current.RandomShare,
            };
            return TypedResults.Ok(DistributionResponse.From(await store.Distribution.UpdateSettingsAsync(project.Id, updated, ct),
                await store.Priorities.LastScoringAsync(project.Id, ct)));
        }).WithName("UpdateDistribution").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(DistributionRequest)))
          .WithSummary("Changes the distribution settings; fields left out keep their value. A new overlap re-decides every item's status.");

        api.MapPost("/projects/{p}/items/{id:long}/skip", async (string p, long id, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Distribution.SkipAsync(project.Id, id, ApiUser.Of(context), ct);
            return TypedResults.NoContent();
        }).WithName("SkipItem").RequireProjectRole(ProjectRole.Annotator)
          .WithSummary("Passes on the item: the caller's lease ends and the item is not offered to them again.");

        api.MapGet("/projects/{p}/gold", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(new GoldListResponse((await store.Distribution.ListGoldAsync(project.Id, ct)).Select(GoldResponse.From).ToList()));
        }).WithName("ListGoldItems").RequireProjectRole(ProjectRole.Reviewer).WithSummary("The project's gold items with their known answers.");

        api.MapPost("/projects/{p}/items/{id:long}/gold", async (
            string p, long id, HttpContext context, LaoshiStore store, ProjectSchemas schemas, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(context.Request, ct);
            var result = await new GoldAnswers(store, schemas).PrepareAsync(project, id, ApiJson.RequiredArray(body, "result"), null, null, "$.result", ct);
            return TypedResults.Ok(GoldResponse.From(await store.Distribution.MarkGoldAsync(project.Id, id, result, ApiUser.Of(context), ct)));
        }).WithName("MarkGold").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(GoldRequest)))
          .WithSummary("Marks the item gold with its known answer (a Label Studio result, checked like a submit).");

        api.MapDelete("/projects/{p}/items/{id:long}/gold", async (string p, long id, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Distribution.UnmarkGoldAsync(project.Id, id, ct);
            return TypedResults.NoContent();
        }).WithName("UnmarkGold").RequireProjectRole(ProjectRole.Manager).WithSummary("Makes a gold item ordinary again.");

        api.MapGet("/projects/{p}/gold/accuracy", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var rows = await store.Distribution.GoldAccuracyAsync(project.Id, ct);
            return TypedResults.Ok(new GoldAccuracyListResponse(rows.Select(GoldAccuracyResponse.From).ToList()));
        }).WithName("GetGoldAccuracy").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Each annotator's accuracy on gold items, overall and per label.");

        api.MapGet("/projects/{p}/exam", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(ExamResponse.From(await store.Distribution.GetExamAsync(project.Id, ct)));
        }).WithName("GetExam").RequireProjectRole(ProjectRole.Manager).WithSummary("The qualification exam: on or off, pass score, gold items.");

        api.MapPut("/projects/{p}/exam", async (string p, HttpRequest request, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            var body = await ApiJson.ReadObjectAsync(request, ct);
            var current = await store.Distribution.GetExamAsync(project.Id, ct);
            var exam = new ExamSettings(
                OptionalBool(body, "enabled") ?? current.Enabled,
                ApiJson.OptionalNumber(body, "pass_score") ?? current.PassScore,
                body["items"] is null ? current.ItemIds : ItemIds(ApiJson.RequiredArray(body, "items")));
            return TypedResults.Ok(ExamResponse.From(await store.Distribution.UpdateExamAsync(project.Id, exam, ct)));
        }).WithName("UpdateExam").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(ExamRequest)))
          .WithSummary("Sets the exam; items must be gold items of the project. Fields left out keep their value.");

        api.MapGet("/projects/{p}/exam/results", async (string p, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(new ExamResultListResponse((await store.Distribution.ExamResultsAsync(project.Id, ct)).Select(ExamResultResponse.From).ToList()));
        }).WithName("ListExamResults").RequireProjectRole(ProjectRole.Reviewer).WithSummary("Everyone's finished exams: score, passed, when.");

        api.MapGet("/projects/{p}/exam/me", async (string p, HttpContext context, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            return TypedResults.Ok(ExamStatusResponse.From(await store.Distribution.ExamStatusAsync(project.Id, ApiUser.Of(context), ct)));
        }).WithName("GetMyExam").RequireProjectRole(ProjectRole.Annotator).WithSummary("The caller's exam: progress, score, whether they may work.");

        api.MapPost("/projects/{p}/exam/results/{user}/reset", async (string p, string user, LaoshiStore store, CancellationToken ct) =>
        {
            var project = await store.Projects.ResolveAsync(p, ct);
            await store.Distribution.ResetExamAsync(project.Id, user, ct);
            return TypedResults.NoContent();
        }).WithName("ResetExamResult").RequireProjectRole(ProjectRole.Owner)
          .WithSummary("Re-certification: forgets the person's exam result and exam answers so they take it again.");

        return api;
    }

    /// <summary>The refusal of a person who failed the exam, as problem details (403).</summary>
    public static ProblemHttpResult NotQualified(NotQualifiedException refusal) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not qualified", detail: refusal.Message,
            extensions: new Dictionary<string, object?> { ["score"] = refusal.Score, ["pass_score"] = refusal.PassScore });

    private static bool? OptionalBool(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new BadInputException($"'{field}' must be true or false", path: $"$.{field}", field: field),
    };

    private static List<long> ItemIds(JsonArray items) => items.Select((node, index) =>
        node is JsonValue v && v.TryGetValue<long>(out var id) ? id
            : throw new BadInputException("an exam item must be an item id (a whole number)", path: $"$.items[{index}]", field: "items")).ToList();
}

public sealed record DistributionRequest(int? Overlap, string? Order, double? LeaseMinutes, double? GoldRate, double? RandomShare);

/// <summary>
/// The settings; Scoring: when the queue was last scored for the active-learning orders (null: never), which
/// <c>by_priority</c> lists.
/// </summary>
public sealed record DistributionResponse(int Overlap, string Order, double LeaseMinutes, double GoldRate, double RandomShare,
    IReadOnlyList<string> Orders, IReadOnlyList<string> ByPriority, QueueScoringResponse? Scoring)
{
    public static DistributionResponse From(DistributionSettings s, QueueScoring? scoring) =>
        new(s.Overlap, s.Order, s.LeaseLength.TotalMinutes, s.GoldRate, s.RandomShare, ItemOrder.All, ItemOrder.ByPriority, QueueScoringResponse.From(scoring));
}

public sealed record QueueScoringResponse(string Strategy, string Model, long Items, string ScoredBy, DateTimeOffset ScoredAt)
{
    public static QueueScoringResponse? From(QueueScoring? s) => s is null ? null : new(s.Strategy, s.Model, s.Items, s.ScoredBy, s.ScoredAt);
}

public sealed record GoldRequest(JsonArray Result);

public sealed record GoldResponse(long ItemId, JsonArray Result, bool InExam, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static GoldResponse From(GoldItem g) => new(g.ItemId, LabelStudioResults.ToJson(g.Result), g.InExam, g.CreatedBy, g.CreatedAt);
}

public sealed record GoldListResponse(IReadOnlyList<GoldResponse> Gold);

public sealed record LabelAccuracyResponse(int Gold, int Matched, int Extra, double Accuracy);

public sealed record GoldAccuracyResponse(string User, int Items, int ItemsCorrect, int GoldUnits, int Matched, int Extra, double Accuracy,
    IReadOnlyDictionary<string, LabelAccuracyResponse> ByLabel)
{
    public static GoldAccuracyResponse From(GoldAccuracy a) => new(a.User, a.Items, a.ItemsCorrect, a.GoldUnits, a.Matched, a.Extra, a.Accuracy,
        a.ByLabel.ToDictionary(l => l.Key, l => new LabelAccuracyResponse(l.Value.Gold, l.Value.Matched, l.Value.Extra, l.Value.Accuracy)));
}

public sealed record GoldAccuracyListResponse(IReadOnlyList<GoldAccuracyResponse> Annotators);

public sealed record ExamRequest(bool? Enabled, double? PassScore, IReadOnlyList<long>? Items);

public sealed record ExamResponse(bool Enabled, double PassScore, IReadOnlyList<long> Items)
{
    public static ExamResponse From(ExamSettings e) => new(e.Enabled, e.PassScore, e.ItemIds);
}

public sealed record ExamResultResponse(string User, double Score, bool Passed, int Correct, int Total, DateTimeOffset CompletedAt)
{
    public static ExamResultResponse From(ExamResult r) => new(r.User, r.Score, r.Passed, r.Correct, r.Total, r.CompletedAt);
}

public sealed record ExamResultListResponse(IReadOnlyList<ExamResultResponse> Results);

public sealed record ExamStatusResponse(bool Enabled, double PassScore, int Total, int Answered, bool Qualified, ExamResultResponse? Result)
{
    public static ExamStatusResponse From(ExamStatus s) =>
        new(s.Enabled, s.PassScore, s.Total, s.Answered, s.Qualified, s.Result is null ? null : ExamResultResponse.From(s.Result));
}
