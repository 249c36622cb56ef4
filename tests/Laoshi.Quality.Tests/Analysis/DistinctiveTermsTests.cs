using Laoshi.Quality.Analysis;

namespace Laoshi.Quality.Tests.Analysis;

public sealed class DistinctiveTermsTests
{
    [Fact]
    public void One_term_scores_as_the_papers_formula()
    {
        // y_i = 30 of n_i = 1000, y_j = 10 of n_j = 3000, α_w = 40 (the term's whole count), α_0 = 4000 (all tokens);
        // figures worked out separately with Python's math module.
        var (delta, z) = DistinctiveTerms.Score(30, 1000, 10, 3000, 40, 4000);
        Assert.Equal(0.6798749081433151, delta, 12);
        Assert.Equal(3.6717441558589066, z, 12);
    }

    [Fact]
    public void Words_typical_of_a_label_come_first_and_shared_words_do_not_appear()
    {
        var counts = new LabelTermCounts();
        var tokenizer = new TextTokenizer();
        string[] positive = ["great movie, loved it", "loved the acting, great fun", "great story and great cast", "the movie was fun"];
        string[] negative = ["boring movie, hated it", "the plot was boring", "hated the ending, boring and slow", "the movie was slow"];
        foreach (var text in positive) counts.Add("positive", tokenizer.Terms(text));
        foreach (var text in negative) counts.Add("negative", tokenizer.Terms(text));
        var terms = DistinctiveTerms.Compute(counts, top: 3);
        Assert.Equal("great", terms["positive"][0].Term);
        Assert.Equal(4, terms["positive"][0].Count);
        Assert.Equal(0, terms["positive"][0].RestCount);
        Assert.Equal("boring", terms["negative"][0].Term);
        Assert.DoesNotContain(terms["positive"], t => t.Term is "movie" or "the" or "was");
        Assert.All(terms.Values.SelectMany(x => x), t => Assert.True(t.ZScore > 0));
    }

    [Fact]
    public void Chinese_labels_get_their_characteristic_character_pairs()
    {
        var counts = new LabelTermCounts();
        var tokenizer = new TextTokenizer();
        foreach (var text in new[] { "这部电影太好看了", "演员很好看，剧情精彩", "精彩的电影，好看" }) counts.Add("好评", tokenizer.Terms(text));
        foreach (var text in new[] { "这部电影太无聊了", "剧情无聊，浪费时间", "无聊的电影" }) counts.Add("差评", tokenizer.Terms(text));
        var terms = DistinctiveTerms.Compute(counts, top: 5);
        Assert.Contains(terms["好评"], t => t.Term == "好看");
        Assert.Contains(terms["差评"], t => t.Term == "无聊");
        Assert.DoesNotContain(terms["好评"], t => t.Term == "电影");
    }

    [Fact]
    public void The_term_table_stays_bounded_and_keeps_the_frequent_terms()
    {
        var counts = new LabelTermCounts(maxTerms: 1000);
        for (var i = 0; i < 20_000; i++)
        {
            // Every document has a frequent word and a word never seen again.
            counts.Add(i % 2 == 0 ? "a" : "b", [i % 2 == 0 ? "alpha" : "beta", "common", $"rare{i}"]);
        }
        Assert.True(counts.DistinctTerms <= 1000);
        Assert.True(counts.DroppedAtOrBelow >= 1);
        Assert.Equal(30_000, counts.TokensOf("a"));
        var terms = DistinctiveTerms.Compute(counts, top: 1);
        Assert.Equal(("alpha", 10_000L), (terms["a"][0].Term, terms["a"][0].Count));
        Assert.Equal("beta", terms["b"][0].Term);
    }
}
