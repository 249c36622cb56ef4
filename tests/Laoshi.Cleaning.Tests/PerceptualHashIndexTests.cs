using System.Numerics;
using Laoshi.Core.Errors;

namespace Laoshi.Cleaning.Tests;

public sealed class PerceptualHashIndexTests
{
    [Fact]
    public void Clusters_equal_a_full_comparison_of_every_pair()
    {
        var random = new Random(3);
        var hashes = new List<ulong>();
        for (var family = 0; family < 400; family++)
        {
            var original = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33);
            hashes.Add(original);
            for (var copy = random.Next(0, 3); copy > 0; copy--)
            {
                var changed = original;
                for (var flip = random.Next(0, 12); flip > 0; flip--) changed ^= 1UL << random.Next(64);
                hashes.Add(changed);
            }
        }
        var index = new PerceptualHashIndex();
        for (var i = 0; i < hashes.Count; i++) index.Add($"img{i}", hashes[i]);
        foreach (var maxDistance in new[] { 0, 3, 6, 10 })
        {
            var expected = FullComparison(hashes, maxDistance);
            var actual = index.Clusters(maxDistance, TestContext.Current.CancellationToken)
                .Select(c => string.Join(',', c.Items)).Order().ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Similar_pictures_cluster_and_similarity_reflects_the_farthest_link()
    {
        var index = new PerceptualHashIndex();
        index.Add("a", 0xFFFF_0000_FFFF_0000UL);
        index.Add("b", 0xFFFF_0000_FFFF_0003UL); // 2 bits from a
        index.Add("c", 0x0123_4567_89AB_CDEFUL);
        var cluster = Assert.Single(index.Clusters(4, TestContext.Current.CancellationToken));
        Assert.Equal(["a", "b"], cluster.Items);
        Assert.Equal(1 - 2 / 64.0, cluster.Similarity);
        Assert.Equal("max_distance", Assert.Throws<BadInputException>(() => index.Clusters(40, TestContext.Current.CancellationToken)).Errors[0].Field);
    }

    // Union of every pair within the distance, as sorted comma-joined member lists.
    private static string[] FullComparison(List<ulong> hashes, int maxDistance)
    {
        var parent = Enumerable.Range(0, hashes.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var i = 0; i < hashes.Count; i++)
        {
            for (var j = i + 1; j < hashes.Count; j++)
            {
                if (BitOperations.PopCount(hashes[i] ^ hashes[j]) <= maxDistance) parent[Find(j)] = Find(i);
            }
        }
        return Enumerable.Range(0, hashes.Count).GroupBy(Find).Where(g => g.Count() > 1)
            .Select(g => string.Join(',', g.Order().Select(i => $"img{i}"))).Order().ToArray();
    }
}
