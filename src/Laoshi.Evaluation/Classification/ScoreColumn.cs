using System.Numerics;
using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// One class's scores by outcome (the item truly has the class or not). While the scores take few distinct values
/// (probabilities written with a few decimals, scores of a small model) they are counted per value in a hash table as
/// they arrive: ten million cases then need a few kilobytes per class, and nothing is sorted at the end. Past
/// <see cref="DistinctScores.Limit"/> distinct values the counts become two plain arrays of doubles (sorting those is
/// much faster than sorting pairs, and the ROC/PR walk only needs each side in order).
/// </summary>
internal sealed class ScoreColumn
{
    private const int FirstSlots = 256;
    private const ulong Empty = ulong.MaxValue; // a NaN pattern; NaN never reaches a column

    private ulong[]? keys = NewKeys(FirstSlots);
    private long[] up = new long[FirstSlots];
    private long[] down = new long[FirstSlots];
    private int distinct;
    private int shift = 64 - BitOperations.Log2(FirstSlots);
    private double[] positives = [];
    private double[] negatives = [];

    public long PositiveCount { get; private set; }

    public long NegativeCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double score, bool positive)
    {
        // NaN has no place in a ranking (and would never equal a threshold); such a score is not counted.
        if (double.IsNaN(score)) return;
        if (keys is not null && Count(score, positive)) return;
        if (positive)
        {
            if (PositiveCount == positives.Length) Array.Resize(ref positives, Math.Max(16, positives.Length * 2));
            positives[PositiveCount++] = score;
        }
        else
        {
            if (NegativeCount == negatives.Length) Array.Resize(ref negatives, Math.Max(16, negatives.Length * 2));
            negatives[NegativeCount++] = score;
        }
    }

    /// <summary>Counts the score in the table; false once there are too many distinct values (the table is then gone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Count(double score, bool positive)
    {
        // -0.0 and 0.0 are one threshold.
        var key = BitConverter.DoubleToUInt64Bits(score == 0 ? 0.0 : score);
        var slot = Find(keys!, key, shift);
        if (keys![slot] == Empty)
        {
            if (distinct + 1 > keys.Length / 2)
            {
                if (distinct + 1 > DistinctScores.Limit)
                {
                    Spill();
                    return false;
                }
                Grow();
                slot = Find(keys, key, shift);
            }
            keys[slot] = key;
            distinct++;
        }
        if (positive)
        {
            up[slot]++;
            PositiveCount++;
        }
        else
        {
            down[slot]++;
            NegativeCount++;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(ulong[] table, ulong key, int shift)
    {
        var slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> shift);
        while (table[slot] != key && table[slot] != Empty) slot = (slot + 1) & (table.Length - 1);
        return slot;
    }

    private void Grow()
    {
        var (oldKeys, oldUp, oldDown) = (keys!, up, down);
        var slots = oldKeys.Length * 2;
        keys = NewKeys(slots);
        up = new long[slots];
        down = new long[slots];
        shift = 64 - BitOperations.Log2((uint)slots);
        for (var s = 0; s < oldKeys.Length; s++)
        {
            if (oldKeys[s] == Empty) continue;
            var slot = Find(keys, oldKeys[s], shift);
            (keys[slot], up[slot], down[slot]) = (oldKeys[s], oldUp[s], oldDown[s]);
        }
    }

    /// <summary>Too many distinct values to count: every counted score goes back to the plain arrays.</summary>
    private void Spill()
    {
        positives = new double[Math.Max(16, PositiveCount * 2)];
        negatives = new double[Math.Max(16, NegativeCount * 2)];
        long p = 0, n = 0;
        for (var s = 0; s < keys!.Length; s++)
        {
            if (keys[s] == Empty) continue;
            var value = BitConverter.UInt64BitsToDouble(keys[s]);
            positives.AsSpan((int)p, (int)up[s]).Fill(value);
            negatives.AsSpan((int)n, (int)down[s]).Fill(value);
            p += up[s];
            n += down[s];
        }
        keys = null;
        up = down = [];
    }

    private static ulong[] NewKeys(int slots)
    {
        var table = new ulong[slots];
        Array.Fill(table, Empty);
        return table;
    }

    /// <summary>Every score as a stated probability of the class, right when the item has it (multi-label calibration).</summary>
    public void AddTo(CalibrationBins bins)
    {
        if (keys is not null)
        {
            for (var s = 0; s < keys.Length; s++)
            {
                if (keys[s] == Empty) continue;
                var value = BitConverter.UInt64BitsToDouble(keys[s]);
                for (var c = 0L; c < up[s]; c++) bins.Add(value, true);
                for (var c = 0L; c < down[s]; c++) bins.Add(value, false);
            }
            return;
        }
        foreach (var score in positives.AsSpan(0, (int)PositiveCount)) bins.Add(score, true);
        foreach (var score in negatives.AsSpan(0, (int)NegativeCount)) bins.Add(score, false);
    }

    /// <summary>Walks the counted values from the highest down, or sorts both sides first when they were too many to count.</summary>
    public RankingCurve Rank(int curvePoints)
    {
        if (keys is not null) return RankingCurve.Walk(Groups(), PositiveCount, NegativeCount, curvePoints);
        var p = (int)PositiveCount;
        var n = (int)NegativeCount;
        RadixSort.Sort(positives.AsSpan(0, p));
        RadixSort.Sort(negatives.AsSpan(0, n));
        return RankingCurve.Walk(new SortedScores(positives, p, negatives, n), p, n, curvePoints);
    }

    private GroupedScores Groups()
    {
        var values = new double[distinct];
        var order = new int[distinct];
        var k = 0;
        for (var slot = 0; slot < keys!.Length; slot++)
        {
            if (keys[slot] == Empty) continue;
            values[k] = -BitConverter.UInt64BitsToDouble(keys[slot]); // negated: an ascending sort gives the highest first
            order[k++] = slot;
        }
        Array.Sort(values, order);
        var positiveCounts = new long[distinct];
        var negativeCounts = new long[distinct];
        for (k = 0; k < distinct; k++)
        {
            values[k] = -values[k];
            positiveCounts[k] = up[order[k]];
            negativeCounts[k] = down[order[k]];
        }
        return new GroupedScores(values, positiveCounts, negativeCounts, distinct);
    }
}
