using System.Numerics;
using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// One class's scores by outcome (the item truly has the class or not). While the scores take few distinct values
/// (probabilities written with a few decimals, scores of a small model) they are counted per value in a hash table as
/// they arrive: ten million cases then need a few kilobytes per class, and nothing is sorted at the end. Past
/// <see cref="DistinctScores.Limit"/> distinct values the counts become two plain arrays of doubles (sorting those is
/// much faster than sorting pairs, and the ROC/PR walk only needs each side in order). Once a class has more than a
/// few hundred distinct values, those on the grid of four decimals (k / 10,000 in [0, 1], what most models write) are
/// counted in a fixed array indexed by k instead: no hashing and no probing on the commonest shape of all. Columns
/// merge (<see cref="Add(ScoreColumn)"/>) into the same counts one column would have had.
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

    /// <summary>Steps of the grid per unit: scores k / 10,000.</summary>
    private const int GridSteps = 10_000;

    /// <summary>The table grows past this many slots only after the grid has taken the values on it.</summary>
    private const int SlotsBeforeGrid = 1024;

    /// <summary>
    /// Up and down counts side by side per grid step k (value k / 10,000); null until the table gets big. Four bytes a
    /// count keep the grid within a core's cache; a count that wraps carries into <see cref="gridCarry"/>.
    /// </summary>
    private uint[]? grid;

    private long[]? gridCarry;

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
        if (grid is not null && OnGrid(score, out var step))
        {
            var at = 2 * step + (positive ? 0 : 1);
            if (++grid[at] == 0) Carry(at, 1L << 32);
            if (positive) PositiveCount++;
            else NegativeCount++;
            return;
        }
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

    /// <summary>
    /// Whether the score is exactly k / 10,000 (the correctly rounded quotient, which is what a parser makes of a written
    /// four-decimal number) for some k in [0, 10,000]; -0.0 is step 0, as it is the threshold 0.0 in the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OnGrid(double score, out int step)
    {
        var scaled = Math.Round(score * GridSteps);
        step = (int)scaled;
        return scaled >= 0 && scaled <= GridSteps && scaled / GridSteps == score;
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
                if (grid is null && slots.Length >= SlotsBeforeGrid)
                {
                    StartGrid();
                    if (OnGrid(score, out var step))
                    {
                        AddToGrid(2 * step + (positive ? 0 : 1), 1);
                        if (positive) PositiveCount++;
                        else NegativeCount++;
                        return true;
                    }
                    slots = table!;
                    slot = Find(slots, key, shift);
                    if (distinct + 1 <= slots.Length / 2) return Insert(slots, slot, key, positive);
                }
                Grow();
                slots = table!;
                slot = Find(slots, key, shift);
            }
            slots[slot].Key = key;
            distinct++;
        }
        return Insert(slots, slot, key, positive);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Insert(Slot[] slots, int slot, ulong key, bool positive)
    {
        if (slots[slot].Key == Empty)
        {
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

    private void Carry(int at, long count) => (gridCarry ??= new long[grid!.Length])[at] += count;

    /// <summary>Adds any count to a grid cell, carrying what does not fit in its four bytes.</summary>
    private void AddToGrid(int at, long count)
    {
        var sum = grid![at] + count;
        grid[at] = (uint)sum;
        if (sum >> 32 != 0) Carry(at, sum & ~0xFFFF_FFFFL);
    }

    private long GridCount(int at) => grid![at] + (gridCarry?[at] ?? 0);

    /// <summary>Moves the table's values that lie on the grid into it; the table keeps the rest (and may shrink).</summary>
    private void StartGrid()
    {
        grid = new uint[2 * (GridSteps + 1)];
        var kept = new List<Slot>();
        foreach (var entry in table!)
        {
            if (entry.Key == Empty) continue;
            if (OnGrid(BitConverter.UInt64BitsToDouble(entry.Key), out var step))
            {
                AddToGrid(2 * step, entry.Up);
                AddToGrid(2 * step + 1, entry.Down);
            }
            else kept.Add(entry);
        }
        var size = FirstSlots;
        while (kept.Count + 1 > size / 2) size *= 2;
        var slots = NewTable(size);
        shift = 64 - BitOperations.Log2((uint)size);
        foreach (var entry in kept) slots[Find(slots, entry.Key, shift)] = entry;
        table = slots;
        distinct = kept.Count;
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
        foreach (var (value, up, down) in Counted())
        {
            positives.AsSpan((int)p, (int)up).Fill(value);
            negatives.AsSpan((int)n, (int)down).Fill(value);
            p += up;
            n += down;
        }
        table = null;
        grid = null;
        gridCarry = null;
    }

    /// <summary>Every counted value (grid and table, in no particular order) with its counts.</summary>
    private IEnumerable<(double Value, long Up, long Down)> Counted()
    {
        if (grid is not null)
            for (var step = 0; step <= GridSteps; step++)
                if (GridCount(2 * step) + GridCount(2 * step + 1) > 0) yield return ((double)step / GridSteps, GridCount(2 * step), GridCount(2 * step + 1));
        if (table is not null)
            foreach (var entry in table)
                if (entry.Key != Empty) yield return (BitConverter.UInt64BitsToDouble(entry.Key), entry.Up, entry.Down);
    }

    /// <summary>
    /// Adds another column's scores (the same class accumulated elsewhere). The counts come out as if every score had
    /// been added here, so the ranking and its areas are the same.
    /// </summary>
    public void Add(ScoreColumn other)
    {
        if (other.table is null)
        {
            // The other column holds plain arrays: so will this one.
            if (table is not null) Spill();
            Append(ref positives, PositiveCount, other.positives.AsSpan(0, (int)other.PositiveCount));
            Append(ref negatives, NegativeCount, other.negatives.AsSpan(0, (int)other.NegativeCount));
            PositiveCount += other.PositiveCount;
            NegativeCount += other.NegativeCount;
            return;
        }
        foreach (var (value, up, down) in other.Counted()) Add(value, up, down);
    }

    private void Add(double value, long up, long down)
    {
        if (table is null)
        {
            Append(ref positives, PositiveCount, Enumerable.Repeat(value, (int)up).ToArray());
            Append(ref negatives, NegativeCount, Enumerable.Repeat(value, (int)down).ToArray());
            PositiveCount += up;
            NegativeCount += down;
            return;
        }
        // One score through the usual path makes the slot (growing, starting the grid or spilling as needed)...
        if (up > 0)
        {
            Add(value, true);
            up--;
        }
        else
        {
            Add(value, false);
            down--;
        }
        if (up == 0 && down == 0) return;
        // ...and the rest are added to wherever that one went.
        if (grid is not null && OnGrid(value, out var step))
        {
            AddToGrid(2 * step, up);
            AddToGrid(2 * step + 1, down);
        }
        else if (table is not null)
        {
            var slot = Find(table, BitConverter.DoubleToUInt64Bits(value == 0 ? 0.0 : value), shift);
            table[slot].Up += up;
            table[slot].Down += down;
        }
        else
        {
            Add(value, up, down);
            return;
        }
        PositiveCount += up;
        NegativeCount += down;
    }

    private static void Append(ref double[] values, long count, ReadOnlySpan<double> more)
    {
        if (more.IsEmpty) return;
        if (count + more.Length > values.Length) Array.Resize(ref values, (int)Math.Max(16, Math.Max(values.Length * 2L, count + more.Length)));
        more.CopyTo(values.AsSpan((int)count));
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
            foreach (var (value, up, down) in Counted())
            {
                for (var c = 0L; c < up; c++) bins.Add(value, true);
                for (var c = 0L; c < down; c++) bins.Add(value, false);
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
        var counted = Counted().ToArray();
        var values = new double[counted.Length];
        var order = new int[counted.Length];
        for (var k = 0; k < counted.Length; k++)
        {
            values[k] = -counted[k].Value; // negated: an ascending sort gives the highest first
            order[k] = k;
        }
        Array.Sort(values, order);
        var positiveCounts = new long[counted.Length];
        var negativeCounts = new long[counted.Length];
        for (var k = 0; k < counted.Length; k++)
        {
            values[k] = -values[k];
            positiveCounts[k] = counted[order[k]].Up;
            negativeCounts[k] = counted[order[k]].Down;
        }
        return new GroupedScores(values, positiveCounts, negativeCounts, counted.Length);
    }
}
