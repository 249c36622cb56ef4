using System.Text.Json.Serialization;
using Laoshi.Quality;

namespace Laoshi.Server.Quality;

/// <summary>GET /projects/{p}/agreement: the metric over the project's answers for one classification control.</summary>
public sealed record ProjectAgreementResponse(
    string Control,
    string Metric,
    string Level,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value,
    int Items,
    int Annotators,
    int Ratings,
    IReadOnlyList<LabelAgreement> PerLabel,
    IReadOnlyList<PairAgreement> Pairs);

/// <summary>GET /projects/{p}/quality: agreement over time and how fast and how well each person works.</summary>
public sealed record QualityReport(string? Control, IReadOnlyList<DayAgreement> ByDay, IReadOnlyList<AnnotatorQuality> Annotators);

/// <param name="Day">UTC day (yyyy-MM-dd) of the latest answer of the items counted.</param>
/// <param name="Items">Items completed that day that have at least two labels.</param>
/// <param name="Alpha">Krippendorff's alpha (nominal) over those items.</param>
/// <param name="Percent">Pairwise percent agreement over those items.</param>
public sealed record DayAgreement(
    string Day,
    int Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Alpha,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Percent);

/// <param name="Annotations">Current answers by this person.</param>
/// <param name="ItemsPerHour">3600 / mean lead time, over answers that report a lead time.</param>
/// <param name="MedianSeconds">Median lead time per answer.</param>
/// <param name="AgreementWithOthers">
/// Share of this person's labels that equal the majority label of the other annotators of the item (ties to the
/// label that sorts first), over items someone else labelled too.
/// </param>
public sealed record AnnotatorQuality(
    string User,
    int Annotations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ItemsPerHour,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? MedianSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AgreementWithOthers);
