using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// A few thousand parsed lines of one classification file, in flat arrays (no object per line), with label ids
/// local to that file's reader; <see cref="NewLabels"/> names the ids first seen in this batch, in id order. The
/// accessors are inlined into the readers' optimized loops, so no call of theirs runs unoptimized code while the
/// runtime would still be counting calls to tier it up.
/// </summary>
internal sealed class CaseBatch
{
    public const int Capacity = 4096;

    public int Count;
    public char[] ItemChars = new char[Capacity * 16];
    public int ItemCharCount;
    public readonly int[] ItemStart = new int[Capacity];
    public readonly int[] ItemLength = new int[Capacity];
    public readonly long[] Line = new long[Capacity];
    public int[] Labels = new int[Capacity];
    public int LabelCount;
    public readonly int[] LabelStart = new int[Capacity + 1];
    public int[] ScoreIds = new int[Capacity];
    public double[] Scores = new double[Capacity];
    public int ScoreCount;
    public readonly int[] ScoreStart = new int[Capacity + 1];
    public readonly List<string> NewLabels = [];

    public bool Full => Count == Capacity;

    public void Clear()
    {
        Count = ItemCharCount = LabelCount = ScoreCount = 0;
        NewLabels.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Item(int index) => ItemChars.AsSpan(ItemStart[index], ItemLength[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> LabelsOf(int index) => Labels.AsSpan(LabelStart[index], LabelStart[index + 1] - LabelStart[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> ScoreIdsOf(int index) => ScoreIds.AsSpan(ScoreStart[index], ScoreStart[index + 1] - ScoreStart[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<double> ScoresOf(int index) => Scores.AsSpan(ScoreStart[index], ScoreStart[index + 1] - ScoreStart[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<char> ItemSpace(int length)
    {
        if (ItemCharCount + length > ItemChars.Length) Array.Resize(ref ItemChars, Math.Max(ItemChars.Length * 2, ItemCharCount + length));
        return ItemChars.AsSpan(ItemCharCount, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddLabel(int id)
    {
        if (LabelCount == Labels.Length) Array.Resize(ref Labels, Labels.Length * 2);
        Labels[LabelCount++] = id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddScore(int id, double score)
    {
        if (ScoreCount == ScoreIds.Length)
        {
            Array.Resize(ref ScoreIds, ScoreIds.Length * 2);
            Array.Resize(ref Scores, Scores.Length * 2);
        }
        ScoreIds[ScoreCount] = id;
        Scores[ScoreCount++] = score;
    }
}
