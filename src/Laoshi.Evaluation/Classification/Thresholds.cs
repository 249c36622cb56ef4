using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>The distinct scores of one class from the highest down, with how many positives and negatives have each.</summary>
internal interface IThresholds
{
    void Reset();

    bool Next(out double threshold, out long positives, out long negatives);
}

/// <summary>Thresholds from the two sides sorted ascending, merged from their top ends.</summary>
internal struct SortedScores(double[] positives, int positiveCount, double[] negatives, int negativeCount) : IThresholds
{
    private int i = positiveCount - 1, j = negativeCount - 1;

    public void Reset() => (i, j) = (positiveCount - 1, negativeCount - 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out double threshold, out long gainedPositives, out long gainedNegatives)
    {
        gainedPositives = gainedNegatives = 0;
        if (i < 0 && j < 0)
        {
            threshold = 0;
            return false;
        }
        threshold = i < 0 ? negatives[j] : j < 0 ? positives[i] : Math.Max(positives[i], negatives[j]);
        while (i >= 0 && positives[i] == threshold) { i--; gainedPositives++; }
        while (j >= 0 && negatives[j] == threshold) { j--; gainedNegatives++; }
        return true;
    }
}

/// <summary>Thresholds already grouped: distinct values descending with their counts.</summary>
internal struct GroupedScores(double[] values, long[] positives, long[] negatives, int count) : IThresholds
{
    private int k;

    public void Reset() => k = 0;

    public bool Next(out double threshold, out long gainedPositives, out long gainedNegatives)
    {
        if (k == count)
        {
            (threshold, gainedPositives, gainedNegatives) = (0, 0, 0);
            return false;
        }
        (threshold, gainedPositives, gainedNegatives) = (values[k], positives[k], negatives[k]);
        k++;
        return true;
    }
}

/// <summary>How many distinct values a class's scores may take and still be counted per value instead of sorted.</summary>
internal static class DistinctScores
{
    /// <summary>Most distinct values counted; the table (twice as many slots) then stays within a few megabytes of cache.</summary>
    public const int Limit = 1 << 16;
}
