using Laoshi.Quality.Analysis;

namespace Laoshi.Server.Analysis;

/// <summary>One label of one control: items carrying it and regions carrying it, in current (non-rejected) answers.</summary>
public sealed record LabelShare(string Control, string Label, long Items, long Regions);

/// <summary>
/// How unequal a control's labels are: the most used label's items over the least used one's (among labels in use);
/// null with fewer than two labels in use. Unused labels are the schema's labels nobody chose.
/// </summary>
public sealed record ControlImbalance(string Control, double? Ratio, string? Most, string? Least, IReadOnlyList<string> UnusedLabels);

/// <summary>
/// Dataset statistics over a project's current answers (what `laoshi stats --json` adds to the counts and
/// GET /projects/{p}/analysis returns). Maps are keyed by field name (text, image and audio fields) or by label.
/// Box heat maps use fractions of the image: position is the box centre (x across, y down), size is width × height.
/// </summary>
public sealed record DatasetAnalysis(
    long ItemsScanned,
    IReadOnlyList<LabelShare> LabelDistribution,
    double? ImbalanceRatio,
    IReadOnlyList<ControlImbalance> Imbalance,
    CoOccurrenceMatrix LabelCoOccurrence,
    IReadOnlyDictionary<string, DistributionSummary> TextLength,
    IReadOnlyDictionary<string, IReadOnlyList<DistinctiveTerm>> DistinctiveTerms,
    long TermsDroppedAtOrBelow,
    IReadOnlyDictionary<string, DistributionSummary> ImageWidth,
    IReadOnlyDictionary<string, DistributionSummary> ImageHeight,
    IReadOnlyDictionary<string, DistributionSummary> ImageAspect,
    HeatMapSummary BoxPositionHeatMap,
    HeatMapSummary BoxSizeHeatMap,
    IReadOnlyDictionary<string, DistributionSummary> AudioDuration,
    DistributionSummary AnnotationsPerItem);

/// <summary>What the rules say about a label and what the data shows of it.</summary>
/// <param name="Definition">The label's description in the schema (its hint), if any.</param>
/// <param name="Typical">Examples nearest the label's centre in a hashed TF-IDF space (most typical first).</param>
/// <param name="Borderline">Examples farthest from it (least typical first): where the rules may need a word.</param>
public sealed record LabelKnowledge(
    string Control,
    string Label,
    string? Alias,
    string? Definition,
    string? ControlDescription,
    long Items,
    long Regions,
    IReadOnlyList<DistinctiveTerm> Terms,
    IReadOnlyList<LabelExample> Typical,
    IReadOnlyList<LabelExample> Borderline);

/// <summary>The structured knowledge view: the guideline and, per label, definition, distinctive terms and examples.</summary>
public sealed record KnowledgeReport(string? Guideline, long ItemsScanned, IReadOnlyList<LabelKnowledge> Labels);
