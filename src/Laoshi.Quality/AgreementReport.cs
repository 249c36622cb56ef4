using System.Text.Json.Serialization;

namespace Laoshi.Quality;

/// <summary>A metric over the whole data set, one-vs-rest per label and per pair of annotators. Null = undefined (no variation).</summary>
public sealed record AgreementReport(
    string Metric,
    string Level,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value,
    int Items,
    int Annotators,
    int Ratings,
    IReadOnlyList<LabelAgreement> PerLabel,
    IReadOnlyList<PairAgreement> Pairs);

/// <summary>The metric with the label against all others (nominal).</summary>
public sealed record LabelAgreement(string Label, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value);

/// <summary>The metric on the items both annotators labelled, over only their two labels.</summary>
public sealed record PairAgreement(string First, string Second, int Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value);
