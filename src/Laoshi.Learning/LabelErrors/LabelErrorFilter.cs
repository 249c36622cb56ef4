namespace Laoshi.Learning.LabelErrors;

/// <summary>Which examples count as suspects (confident learning's ways of pruning).</summary>
public enum LabelErrorFilter
{
    /// <summary>Every example off the confident joint's diagonal: confidently counted as another class than its label.</summary>
    ConfidentJoint,

    /// <summary>
    /// For each pair (given i, true j), the estimated number of such errors (from the calibrated confident joint) taken
    /// from the examples labelled i that the model prefers j over i by the widest margin.
    /// </summary>
    PruneByNoiseRate,

    /// <summary>Both of the above at once: fewer suspects, each more likely a real error.</summary>
    Both,
}
