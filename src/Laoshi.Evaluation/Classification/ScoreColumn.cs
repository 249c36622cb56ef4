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

    /// <summary>Value and both counts side by side: one cache line per score, whatever the table's size.</summary>
    private struct Slot
    {
        public ulong Key;
        public long Up;
        public long Down;
    }

    private Slot[]? table = NewTable(FirstSlots);
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
        if (table is not null && Count(score, positive)) return;
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
        var slots = table!;
        var slot = Find(slots, key, shift);
        if (slots[slot].Key == Empty)
        {
            if (distinct + 1 > slots.Length / 2)
            {
                if (distinct + 1 > DistinctScores.Limit)
                {
                    Spill();
                    return false;
                }
                Grow();
                slots = table!;
                slot = Find(slots, key, shift);
            }
            slots[slot].Key = key;
            distinct++;
        }
        if (positive)
        {
            slots[slot].Up++;
            PositiveCount++;
        }
        else
        {
            slots[slot].Down++;
            NegativeCount++;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(Slot[] slots, ulong key, int shift)
    {
        var slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> shift);
        while (slots[slot].Key != key && slots[slot].Key != Empty) slot = (slot + 1) & (slots.Length - 1);
        return slot;
    }

    private void Grow()
    {
        var old = table!;
        var grown = NewTable(old.Length * 2);
        shift = 64 - BitOperations.Log2((uint)grown.Length);
        foreach (var entry in old)
            if (entry.Key != Empty) grown[Find(grown, entry.Key, shift)] = entry;
        table = grown;
    }

    /// <summary>Too many distinct values to count: every counted score goes back to the plain arrays.</summary>
    private void Spill()
    {
        positives = new double[Math.Max(16, PositiveCount * 2)];
        negatives = new double[Math.Max(16, NegativeCount * 2)];
        long p = 0, n = 0;
        foreach (var entry in table!)
        {
            if (entry.Key == Empty) continue;
            var value = BitConverter.UInt64BitsToDouble(entry.Key);
            positives.AsSpan((int)p, (int)entry.Up).Fill(value);
            negatives.AsSpan((int)n, (int)entry.Down).Fill(value);
            p += entry.Up;
            n += entry.Down;
        }
        table = null;
    }

    private static Slot[] NewTable(int size)
    {
        var slots = new Slot[size];
        for (var s = 0; s < size; s++) slots[s].Key = Empty;
        return slots;
    }

    /// <summary>Every score as a stated probability of the class, right when the item has it (multi-label calibration).</summary>
    public void AddTo(CalibrationBins bins)
    {
        if (table is not null)
        {
            foreach (var entry in table)
            {
                if (entry.Key == Empty) continue;
                var value = BitConverter.UInt64BitsToDouble(entry.Key);
                for (var c = 0L; c < entry.Up; c++) bins.Add(value, true);
                for (var c = 0L; c < entry.Down; c++) bins.Add(value, false);
            }
            return;
        }
        foreach (var score in positives.AsSpan(0, (int)PositiveCount)) bins.Add(score, true);
        foreach (var score in negatives.AsSpan(0, (int)NegativeCount)) bins.Add(score, false);
    }

    /// <summary>Walks the counted values from the highest down, or sorts both sides first when they were too many to count.</summary>
    public RankingCurve Rank(int curvePoints)
    {
        if (table is not null) return RankingCurve.Walk(Groups(), PositiveCount, NegativeCount, curvePoints);
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
        var slots = table!;
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot].Key == Empty) continue;
            values[k] = -BitConverter.UInt64BitsToDouble(slots[slot].Key); // negated: an ascending sort gives the highest first
            order[k++] = slot;
        }
        Array.Sort(values, order);
        var positiveCounts = new long[distinct];
        var negativeCounts = new long[distinct];
        for (k = 0; k < distinct; k++)
        {
            values[k] = -values[k];
            positiveCounts[k] = slots[order[k]].Up;
            negativeCounts[k] = slots[order[k]].Down;
        }
        return new GroupedScores(values, positiveCounts, negativeCounts, distinct);
    }
}
