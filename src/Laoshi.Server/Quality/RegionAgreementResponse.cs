namespace Laoshi.Server.Quality;

/// <summary>
/// GET /projects/{p}/agreement/regions: boxes (rectanglelabels) matched greedily by IoU with the same label, or text
/// spans (labels) by exact and overlap F1, between every pair of people who answered the same items.
/// </summary>
public sealed record RegionAgreementResponse(
    string Control,
    string Type,
    double Iou,
    Laoshi.Quality.BoxAgreementResult? Boxes,
    IReadOnlyList<SpanPairAgreement>? Spans);

public sealed record SpanPairAgreement(string First, string Second, int FirstSpans, int SecondSpans, double? ExactF1, double? OverlapF1);
