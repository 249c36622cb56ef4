namespace Laoshi.Evaluation.Classification;

/// <summary>How classification metrics are computed; the defaults match scikit-learn's.</summary>
public sealed record ClassificationOptions
{
    /// <summary>
    /// True: score as multi-label (sklearn on indicator matrices). False: single-label. Null: multi-label as soon as
    /// one case has more than one true or predicted label.
    /// </summary>
    public bool? MultiLabel { get; init; }

    /// <summary>
    /// Labels that exist even if no case mentions them (e.g. every label of a project's schema): they appear in
    /// per_class with zero support and count in macro averages, as sklearn's <c>labels=</c> argument does.
    /// </summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Equal-width confidence bins of the reliability diagram and of ECE.</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>At most this many points per ROC and PR curve (enough to draw; the areas use every threshold).</summary>
    public int CurvePoints { get; init; } = 101;
}
