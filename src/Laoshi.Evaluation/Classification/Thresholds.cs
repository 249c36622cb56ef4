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

/// <summary>
/// Scores that take few distinct values (probabilities written with a few decimals, scores of a small model) are
/// counted in a hash table instead of sorted: one pass, no sort of millions of values. More distinct values than the
/// table holds and the caller sorts after all.
/// </summary>
internal static class DistinctScores
{
    /// <summary>Most distinct values counted; the table (twice as many slots) then stays within a few megabytes of cache.</summary>
    public const int Limit = 1 << 16;

    private const ulong Empty = ulong.MaxValue; // a NaN pattern; NaN never reaches a column

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGroup(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives, out GroupedScores groups)
    {
        groups = default;
        var limit = Math.Min(Limit, Math.Max(4096, (positives.Length + negatives.Length) / 16));
        var slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)limit * 2);
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)slots);
        var keys = new ulong[slots];
        Array.Fill(keys, Empty);
        var up = new long[slots];
        var down = new long[slots];
        var distinct = 0;
        foreach (var side in new[] { true, false })
        {
            var scores = side ? positives : negatives;
            var counts = side ? up : down;
            foreach (var score in scores)
            {
                // -0.0 and 0.0 are one threshold.
                var key = BitConverter.DoubleToUInt64Bits(score == 0 ? 0.0 : score);
                var slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> shift);
                while (keys[slot] != key && keys[slot] != Empty) slot = (slot + 1) & (slots - 1);
                if (keys[slot] == Empty)
                {
                    if (++distinct > limit) return false;
                    keys[slot] = key;
                }
                counts[slot]++;
            }
        }
        var values = new double[distinct];
        var positiveCounts = new long[distinct];
        var negativeCounts = new long[distinct];
        var order = new int[distinct];
        var n = 0;
        for (var slot = 0; slot < slots; slot++)
        {
            if (keys[slot] == Empty) continue;
            values[n] = -BitConverter.UInt64BitsToDouble(keys[slot]); // negated: an ascending sort gives the highest first
            order[n++] = slot;
        }
        Array.Sort(values, order);
        for (var k = 0; k < distinct; k++)
        {
            values[k] = -values[k];
            positiveCounts[k] = up[order[k]];
            negativeCounts[k] = down[order[k]];
        }
        groups = new GroupedScores(values, positiveCounts, negativeCounts, distinct);
        return true;
    }
}
