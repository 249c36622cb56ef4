using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>Equal-width confidence bins: how often a model is right at each level of stated confidence.</summary>
internal sealed class CalibrationBins(int bins)
{
    private readonly long[] counts = new long[bins];
    private readonly long[] right = new long[bins];
    private readonly ExactSum[] confidence = [.. Enumerable.Range(0, bins).Select(_ => new ExactSum())];

    public long Total { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double score, bool correct)
    {
        if (double.IsNaN(score)) return;
        // Scores outside [0, 1] are not probabilities; they land in the end bins rather than being dropped.
        var bin = Math.Clamp((int)(score * bins), 0, bins - 1);
        counts[bin]++;
        if (correct) right[bin]++;
        // An exact sum: ten million scores added one by one would otherwise lose digits, and the figure would depend on
        // the order the cases came in (so on how many threads read them).
        confidence[bin].Add(score);
        Total++;
    }

    /// <summary>Adds another set of bins of the same width (cases accumulated elsewhere).</summary>
    public void Add(CalibrationBins other)
    {
        if (other.counts.Length != bins) throw new ArgumentException($"{other.counts.Length} bins cannot merge into {bins}", nameof(other));
        for (var b = 0; b < bins; b++)
        {
            counts[b] += other.counts[b];
            right[b] += other.right[b];
            confidence[b].Add(other.confidence[b]);
        }
        Total += other.Total;
    }

    private double Confidence(int bin) => confidence[bin].Value;

    /// <summary>Expected calibration error: the count-weighted mean gap between accuracy and confidence per bin.</summary>
    public double? Ece()
    {
        if (Total == 0) return null;
        double sum = 0;
        for (var b = 0; b < bins; b++)
            if (counts[b] > 0) sum += counts[b] / (double)Total * Math.Abs(right[b] / (double)counts[b] - Confidence(b) / counts[b]);
        return sum;
    }

    public IReadOnlyList<ReliabilityBin> Bins()
    {
        if (Total == 0) return [];
        return [.. Enumerable.Range(0, bins).Select(b => new ReliabilityBin(
            (double)b / bins, (double)(b + 1) / bins, counts[b],
            counts[b] > 0 ? Confidence(b) / counts[b] : null,
            counts[b] > 0 ? right[b] / (double)counts[b] : null))];
    }
}
