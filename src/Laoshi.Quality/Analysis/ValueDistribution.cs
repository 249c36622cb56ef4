namespace Laoshi.Quality.Analysis;

/// <summary>
/// A streaming distribution of numbers (text lengths, image sizes, durations): values are counted in buckets of
/// <see cref="Quantum"/>, so memory is bounded by the number of distinct buckets, not of values. When more than
/// <see cref="MaxBuckets"/> buckets are in use the quantum doubles and buckets merge, which keeps memory flat for any
/// number of values at the cost of coarser quantiles. Count, minimum, maximum and mean are always exact.
/// </summary>
public sealed class ValueDistribution
{
    public const int MaxBuckets = 4096;
    private Dictionary<long, long> buckets = [];
    private double sum;

    /// <param name="quantum">Bucket width: 1 for integer values such as lengths, 0.01 for seconds, and so on.</param>
    public ValueDistribution(double quantum = 1)
    {
        if (!(quantum > 0) || double.IsInfinity(quantum)) throw new ArgumentOutOfRangeException(nameof(quantum), quantum, "must be a positive number");
        Quantum = quantum;
    }

    public double Quantum { get; private set; }
    public long Count { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Adds one value; NaN and infinities are ignored (a missing measurement is not a value).</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value)) return;
        Count++;
        sum += value;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        var key = (long)Math.Floor(value / Quantum);
        buckets[key] = buckets.GetValueOrDefault(key) + 1;
        if (buckets.Count > MaxBuckets) Coarsen();
    }

    private void Coarsen()
    {
        Quantum *= 2;
        var merged = new Dictionary<long, long>(buckets.Count / 2 + 1);
        foreach (var (key, count) in buckets)
        {
            var wide = (long)Math.Floor(key / 2.0);
            merged[wide] = merged.GetValueOrDefault(wide) + count;
        }
        buckets = merged;
    }

    /// <summary>
    /// The summary with up to <paramref name="bins"/> equal-width bins from the minimum to the maximum (one bin per
    /// value when the values are few integers), and quantiles read from the buckets (each bucket's lower edge, clamped
    /// to the observed range).
    /// </summary>
    public DistributionSummary Summarize(int bins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (Count == 0) return new DistributionSummary(0, null, null, null, null, null, null, []);
        var ordered = buckets.OrderBy(b => b.Key).ToList();
        double Quantile(double q)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
            long seen = 0;
            foreach (var (key, count) in ordered)
            {
                seen += count;
                if (seen >= rank) return Math.Clamp(key * Quantum, Min, Max);
            }
            return Max;
        }
        return new DistributionSummary(Count, Min, Max, sum / Count, Quantile(0.5), Quantile(0.9), Quantile(0.99), Bins(ordered, bins));
    }

    private List<DistributionBin> Bins(List<KeyValuePair<long, long>> ordered, int bins)
    {
        // Integer values (lengths, counts, pixels) get integer bins, [from, to] inclusive; others [from, to).
        var integers = Quantum == 1 && Min == Math.Floor(Min) && Max == Math.Floor(Max);
        if (!integers && Max == Min) return [new DistributionBin(Min, Max, Count)];
        var width = integers ? Math.Ceiling((Max - Min + 1) / bins) : (Max - Min) / bins;
        var count = integers ? (int)Math.Ceiling((Max - Min + 1) / width) : bins;
        var counts = new long[count];
        foreach (var (key, n) in ordered)
        {
            // A bucket's values lie in [key·q, (key+1)·q); it goes to the bin of its lower edge, clamped to the range.
            var value = Math.Clamp(key * Quantum, Min, Max);
            var index = (int)Math.Min(count - 1, Math.Floor((value - Min) / width));
            counts[Math.Max(0, index)] += n;
        }
        var result = new List<DistributionBin>(count);
        for (var i = 0; i < count; i++)
        {
            var from = Min + i * width;
            var to = integers ? from + width - 1 : (i == count - 1 ? Max : from + width);
            result.Add(new DistributionBin(from, Math.Min(to, Max), counts[i]));
        }
        return result;
    }
}
