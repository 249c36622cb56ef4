using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// One class's scores, kept apart by outcome (the item truly has the class or not): sorting two plain arrays of
/// doubles is much faster than sorting pairs, and the ROC/PR walk only needs each side in order.
/// </summary>
internal sealed class ScoreColumn
{
    private double[] positives = new double[16];
    private double[] negatives = new double[16];

    public int PositiveCount { get; private set; }

    public int NegativeCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double score, bool positive)
    {
        // NaN has no place in a ranking (and would never equal a threshold); such a score is not counted.
        if (double.IsNaN(score)) return;
        if (positive)
        {
            if (PositiveCount == positives.Length) Array.Resize(ref positives, positives.Length * 2);
            positives[PositiveCount++] = score;
        }
        else
        {
            if (NegativeCount == negatives.Length) Array.Resize(ref negatives, negatives.Length * 2);
            negatives[NegativeCount++] = score;
        }
    }

    /// <summary>Every score as a stated probability of the class, right when the item has it (multi-label calibration).</summary>
    public void AddTo(CalibrationBins bins)
    {
        foreach (var score in positives.AsSpan(0, PositiveCount)) bins.Add(score, true);
        foreach (var score in negatives.AsSpan(0, NegativeCount)) bins.Add(score, false);
    }

    /// <summary>Groups the scores by value (few distinct values) or sorts both sides, then walks the thresholds from the highest down.</summary>
    public RankingCurve Rank(int curvePoints)
    {
        var up = positives.AsSpan(0, PositiveCount);
        var down = negatives.AsSpan(0, NegativeCount);
        if (DistinctScores.TryGroup(up, down, out var groups)) return RankingCurve.Walk(groups, PositiveCount, NegativeCount, curvePoints);
        RadixSort.Sort(up);
        RadixSort.Sort(down);
        return RankingCurve.Walk(new SortedScores(positives, PositiveCount, negatives, NegativeCount), PositiveCount, NegativeCount, curvePoints);
    }
}
