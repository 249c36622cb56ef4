using Laoshi.Quality.Analysis;

namespace Laoshi.Quality.Tests.Analysis;

public sealed class ValueDistributionTests
{
    [Fact]
    public void Few_integer_values_get_one_bin_each_with_exact_summary()
    {
        var lengths = new ValueDistribution();
        foreach (var value in new[] { 3, 5, 5, 7, 3, 3 }) lengths.Add(value);
        var summary = lengths.Summarize();
        Assert.Equal(6, summary.Count);
        Assert.Equal(3, summary.Min);
        Assert.Equal(7, summary.Max);
        Assert.Equal(26 / 6.0, summary.Mean!.Value, 12);
        Assert.Equal(3, summary.Median);
        Assert.Equal([(3.0, 3.0, 3L), (4, 4, 0), (5, 5, 2), (6, 6, 0), (7, 7, 1)], summary.Bins.Select(b => (b.From, b.To, b.Count)));
    }

    [Fact]
    public void Wide_integer_ranges_are_binned_without_losing_a_value()
    {
        var lengths = new ValueDistribution();
        for (var i = 1; i <= 1000; i++) lengths.Add(i);
        var summary = lengths.Summarize(bins: 10);
        Assert.Equal(10, summary.Bins.Count);
        Assert.All(summary.Bins, b => Assert.Equal(100, b.Count));
        Assert.Equal((1.0, 100.0), (summary.Bins[0].From, summary.Bins[0].To));
        Assert.Equal(1000, summary.Bins[^1].To);
        Assert.Equal(500, summary.Median);
        Assert.Equal(900, summary.P90);
        Assert.Equal(990, summary.P99);
    }

    [Fact]
    public void Memory_stays_bounded_over_a_million_distinct_values_and_the_figures_stay_close()
    {
        var durations = new ValueDistribution(quantum: 0.001);
        var random = new Random(7);
        for (var i = 0; i < 1_000_000; i++) durations.Add(random.NextDouble() * 100);
        Assert.True(durations.Quantum > 0.001, "buckets should have been merged");
        var summary = durations.Summarize();
        Assert.Equal(1_000_000, summary.Count);
        Assert.Equal(50, summary.Median!.Value, 0);
        Assert.Equal(90, summary.P90!.Value, 0);
        Assert.Equal(1_000_000, summary.Bins.Sum(b => b.Count));
    }

    [Fact]
    public void An_empty_distribution_says_so_and_bad_numbers_are_skipped()
    {
        var d = new ValueDistribution(0.5);
        d.Add(double.NaN);
        d.Add(double.PositiveInfinity);
        var summary = d.Summarize();
        Assert.Equal(0, summary.Count);
        Assert.Null(summary.Median);
        Assert.Empty(summary.Bins);
    }

    [Fact]
    public void One_repeated_real_value_is_one_bin()
    {
        var d = new ValueDistribution(0.01);
        d.Add(1.5);
        d.Add(1.5);
        var bin = Assert.Single(d.Summarize().Bins);
        Assert.Equal((1.5, 1.5, 2L), (bin.From, bin.To, bin.Count));
    }
}
