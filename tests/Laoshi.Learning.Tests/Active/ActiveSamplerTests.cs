using Laoshi.Core.Errors;
using Laoshi.Learning.Active;

namespace Laoshi.Learning.Tests.Active;

public sealed class ActiveSamplerTests
{
    private static IReadOnlyList<RankedCandidate> Pick(IReadOnlyList<Candidate> pool, int count, SamplingOptions options,
        IReadOnlyList<float[]>? labelled = null, int greedyLimit = int.MaxValue) =>
        ActiveSampler.Pick(pool, count, options, labelled?.Select(SparseEmbedding.From).ToList(), greedyLimit, TestContext.Current.CancellationToken);

    // Item i's top-class probability falls as i grows, so the most uncertain items are the last ones.
    private static List<Candidate> Pool(int n) =>
        [.. Enumerable.Range(0, n).Select(i =>
        {
            var top = 1 - 0.5 * i / n;
            return new Candidate($"item{i}", new Dictionary<string, double> { ["pos"] = top, ["neg"] = 1 - top });
        })];

    [Theory]
    [InlineData("least-confidence")]
    [InlineData("margin")]
    [InlineData("entropy")]
    public void Uncertainty_strategies_pick_the_least_sure_items_first(string strategy)
    {
        var picks = Pick(Pool(100), 5, new SamplingOptions(strategy));
        Assert.Equal(["item99", "item98", "item97", "item96", "item95"], picks.Select(p => p.Id));
        Assert.All(picks, p => Assert.False(p.Random));
        Assert.Equal(picks.Select(p => p.Priority).OrderDescending(), picks.Select(p => p.Priority));
    }

    [Fact]
    public void A_random_share_mixes_seeded_random_items_into_the_batch()
    {
        var options = new SamplingOptions(SamplingStrategies.Margin, RandomShare: 0.3, Seed: 7);
        var picks = Pick(Pool(100), 10, options);
        Assert.Equal(10, picks.Select(p => p.Id).Distinct().Count());
        Assert.Equal(3, picks.Count(p => p.Random));
        Assert.Equal(["item99", "item98", "item97", "item96", "item95", "item94", "item93"], picks.Where(p => !p.Random).Select(p => p.Id));
        Assert.Equal(picks, Pick(Pool(100), 10, options));
        Assert.NotEqual(picks.Where(p => p.Random).Select(p => p.Id),
            Pick(Pool(100), 10, options with { Seed = 8 }).Where(p => p.Random).Select(p => p.Id));
        Assert.Equal(picks.Select(p => p.Priority).OrderDescending(), picks.Select(p => p.Priority));
    }

    [Fact]
    public void Random_order_depends_only_on_the_seed()
    {
        var pool = Enumerable.Range(0, 50).Select(i => new Candidate($"item{i}")).ToList();
        var a = Pick(pool, 50, new SamplingOptions(SamplingStrategies.Random, Seed: 3));
        Assert.Equal(a, Pick(pool, 50, new SamplingOptions(SamplingStrategies.Random, Seed: 3)));
        Assert.NotEqual(a.Select(p => p.Id), Pick(pool, 50, new SamplingOptions(SamplingStrategies.Random, Seed: 4)).Select(p => p.Id));
        Assert.NotEqual(pool.Select(c => c.Id), a.Select(p => p.Id));
        Assert.Equal(pool.Select(c => c.Id).Order(), a.Select(p => p.Id).Order());
    }

    [Fact]
    public void Diversity_covers_the_clusters_the_labelled_items_leave_out()
    {
        // Three tight clusters of ten; the labelled items all sit in cluster A.
        float[] Around(int axis, int jitter) { var v = new float[4]; v[axis] = 10; v[3] = jitter * 0.01f; return v; }
        var pool = Enumerable.Range(0, 30).Select(i => new Candidate($"{"ABC"[i / 10]}{i % 10}", Embedding: SparseEmbedding.From(Around(i / 10, i % 10)))).ToList();
        var labelled = new[] { Around(0, 3), Around(0, 5) };
        var picks = Pick(pool, 3, new SamplingOptions(SamplingStrategies.Diversity), labelled);
        Assert.Equal(["B", "C"], picks.Take(2).Select(p => p.Id[..1]).Order());
    }

    [Fact]
    public void Diversity_past_its_greedy_limit_orders_the_rest_farthest_first()
    {
        var pool = Enumerable.Range(0, 20).Select(i => new Candidate($"item{i}", Embedding: SparseEmbedding.From([1, i * 0.05f]))).ToList();
        var picks = Pick(pool, 20, new SamplingOptions(SamplingStrategies.Diversity), [[1, 0]], greedyLimit: 2);
        Assert.Equal(20, picks.Select(p => p.Id).Distinct().Count());
        Assert.Equal("item19", picks[0].Id);
        Assert.Equal(picks.Select(p => p.Priority).OrderDescending(), picks.Select(p => p.Priority));
    }

    [Fact]
    public void A_strategy_without_what_it_reads_is_an_error_naming_the_item()
    {
        var pool = new[] { new Candidate("x1") };
        var error = Assert.Throws<BadInputException>(() => Pick(pool, 1, new SamplingOptions(SamplingStrategies.Entropy)));
        Assert.Contains("x1", error.Message);
        Assert.Throws<BadInputException>(() => Pick(pool, 1, new SamplingOptions(SamplingStrategies.Diversity)));
        Assert.Throws<BadInputException>(() => Pick(pool, 1, new SamplingOptions("uncertainty")));
        Assert.Throws<BadInputException>(() => Pick(pool, 1, new SamplingOptions(SamplingStrategies.Margin, RandomShare: 1.5)));
    }
}
