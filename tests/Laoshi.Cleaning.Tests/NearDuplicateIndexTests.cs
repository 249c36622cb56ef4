using Laoshi.Core.Errors;

namespace Laoshi.Cleaning.Tests;

public sealed class NearDuplicateIndexTests
{
    [Fact]
    public void Clusters_chinese_near_duplicates_and_leaves_different_texts_alone()
    {
        var index = new NearDuplicateIndex();
        index.Add("a", "今天北京的天气非常好，我们去公园散步吧，顺便买点水果回家。");
        index.Add("b", "今天北京的天氣非常好，我們去公園散步吧，順便買點水果回家！");   // traditional script, other end mark
        index.Add("c", "今天北京的天气非常好，我们去公园散步吧，顺便买些水果回家。");   // one word changed
        index.Add("d", "明天上海可能下大雨，记得带伞，路上注意安全。");
        index.Add("e", "The quick brown fox jumps over the lazy dog near the river bank.");
        index.Add("f", "The quick brown fox jumped over the lazy dog near the river bank!");
        index.Add("g", "");
        var clusters = index.Clusters(0.7, TestContext.Current.CancellationToken);
        Assert.Equal(2, clusters.Count);
        Assert.Equal(["a", "b", "c"], clusters[0].Items);
        Assert.Equal(["e", "f"], clusters[1].Items);
        Assert.InRange(clusters[0].Similarity, 0.7, 1.0);
        Assert.Equal(TextSimilarity.Jaccard("The quick brown fox jumps over the lazy dog near the river bank.",
            "The quick brown fox jumped over the lazy dog near the river bank!"), clusters[1].Similarity, 12);
    }

    [Fact]
    public void A_higher_threshold_splits_what_a_lower_one_joins()
    {
        var index = new NearDuplicateIndex();
        index.Add("a", "请问这个订单什么时候可以发货，我已经等了三天了");
        index.Add("b", "请问这个订单什么时候可以发货，我已经等了五天了");
        var pair = TextSimilarity.Jaccard("请问这个订单什么时候可以发货，我已经等了三天了", "请问这个订单什么时候可以发货，我已经等了五天了");
        Assert.Single(index.Clusters(pair - 0.01, TestContext.Current.CancellationToken));
        Assert.Empty(index.Clusters(pair + 0.01, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Texts_equal_after_normalisation_are_one_set_with_similarity_one()
    {
        var index = new NearDuplicateIndex();
        index.Add("1", "ＨＥＬＬＯ　世界");
        index.Add("2", "hello 世界");
        index.Add("3", "Hello  世界 ");
        Assert.Equal(1, index.DistinctCount);
        var cluster = Assert.Single(index.Clusters(0.9, TestContext.Current.CancellationToken));
        Assert.Equal(["1", "2", "3"], cluster.Items);
        Assert.Equal(1.0, cluster.Similarity);
    }

    [Fact]
    public void Threshold_outside_zero_to_one_is_bad_input()
    {
        var index = new NearDuplicateIndex();
        Assert.Equal("threshold", Assert.Throws<BadInputException>(() => index.Clusters(0, TestContext.Current.CancellationToken)).Errors[0].Field);
        Assert.Throws<BadInputException>(() => index.Clusters(1.5, TestContext.Current.CancellationToken));
        Assert.Throws<BadInputException>(() => index.Clusters(double.NaN, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Add_range_gives_the_same_clusters_as_add()
    {
        var texts = GeneratedTexts.Make(3_000, seed: 7);
        var one = new NearDuplicateIndex();
        foreach (var (id, text) in texts) one.Add(id, text);
        var many = new NearDuplicateIndex();
        many.AddRange(texts, TestContext.Current.CancellationToken);
        Assert.Equal(Describe(one.Clusters(0.8, TestContext.Current.CancellationToken)), Describe(many.Clusters(0.8, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData(0.5, 128)]
    [InlineData(0.7, 64)]
    [InlineData(0.8, 64)]
    [InlineData(0.9, 64)]
    public void Finds_at_least_95_percent_of_the_pairs_brute_force_finds(double threshold, int hashes)
    {
        var texts = GeneratedTexts.Make(2_000, seed: 11);
        var options = new NearDuplicateOptions { HashCount = hashes };
        var index = new NearDuplicateIndex(options);
        index.AddRange(texts, TestContext.Current.CancellationToken);
        var clusterOf = new Dictionary<string, int>();
        var clusters = index.Clusters(threshold, TestContext.Current.CancellationToken);
        for (var c = 0; c < clusters.Count; c++)
        {
            foreach (var item in clusters[c].Items) clusterOf[item] = c;
        }
        // Brute force: every pair's exact similarity, from shingle sets made once.
        var shingler = new Shingler(options);
        var sets = texts.Select(t =>
        {
            var buffer = Array.Empty<uint>();
            var count = shingler.Shingles(shingler.Prepare(t.Text), ref buffer);
            return buffer[..count];
        }).ToArray();
        var truePairs = 0;
        var found = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                if (Shingler.Jaccard(sets[i], sets[j]) < threshold) continue;
                truePairs++;
                if (clusterOf.TryGetValue(texts[i].Id, out var a) && clusterOf.TryGetValue(texts[j].Id, out var b) && a == b) found++;
            }
        }
        Assert.True(truePairs > 50, $"the sample should hold near duplicates at {threshold}, has {truePairs}");
        Assert.True(found >= 0.95 * truePairs, $"found {found} of {truePairs} pairs at {threshold}");
    }

    [Fact]
    public void Band_choice_keeps_recall_at_the_threshold_itself()
    {
        foreach (var threshold in new[] { 0.5, 0.6, 0.7, 0.8, 0.9, 0.95 })
        {
            var bands = LshBands.For(threshold, 64);
            Assert.True(bands.Bands * bands.Rows <= 64);
            Assert.True(bands.CandidateProbability(threshold) >= 0.99 || bands.Rows == 1, $"{threshold}: {bands}");
        }
        Assert.Equal(new LshBands(12, 5), LshBands.For(0.8, 64));
    }

    [Fact]
    public void Shingle_sets_give_the_same_similarity_as_the_texts()
    {
        const string a = "客服说订单明天就能发货", b = "客服說訂單後天就能發貨";
        var similarity = TextSimilarity.Jaccard(TextSimilarity.Shingles(a), TextSimilarity.Shingles(b));
        Assert.Equal(TextSimilarity.Jaccard(a, b), similarity, 12);
        // 11 characters give 9 shingles; after t2s only 后 for 明 differs, changing the 3 windows over it: 6 / 12.
        Assert.Equal(9, TextSimilarity.Shingles(a).Length);
        Assert.Equal(0.5, similarity, 12);
    }

    [Fact]
    public void A_bucket_of_thousands_sharing_a_common_phrase_still_finds_its_true_pairs()
    {
        // Every text holds the same frequent phrase, so whole LSH bands collide; only the true pairs may join.
        var random = new Random(5);
        var texts = new List<(string, string)>();
        for (var i = 0; i < 3_000; i++)
        {
            var tail = new string(Enumerable.Range(0, 12).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray());
            texts.Add(($"{i}", "您好请问订单什么时候发货" + tail));
        }
        texts.Add(("copy", texts[10].Item2 + "。"));
        var index = new NearDuplicateIndex();
        index.AddRange(texts, TestContext.Current.CancellationToken);
        var cluster = Assert.Single(index.Clusters(0.8, TestContext.Current.CancellationToken));
        Assert.Equal(["10", "copy"], cluster.Items);
    }

    [Fact]
    public void The_agreement_bound_stays_well_below_the_threshold()
    {
        Assert.Equal(36, NearDuplicateIndex.MinimumAgreement(0.8, 64));
        Assert.InRange(NearDuplicateIndex.MinimumAgreement(0.5, 128), 30, 40);
        Assert.Equal(0, NearDuplicateIndex.MinimumAgreement(0.05, 64));
    }

    private static string[] Describe(IReadOnlyList<NearDuplicateCluster> clusters) =>
        clusters.Select(c => $"{string.Join(',', c.Items)}@{c.Similarity:F6}").ToArray();
}
