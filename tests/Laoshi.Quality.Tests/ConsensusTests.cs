namespace Laoshi.Quality.Tests;

public sealed class ConsensusTests
{
    /// <summary>
    /// 2 experts (right 90% of the time), 3 spammers who always answer "c0" and 1 adversary who answers the next class.
    /// Majority vote says "c0" for most items; Dawid–Skene learns who is who.
    /// </summary>
    private static (RatingTable Table, Dictionary<string, string> Truth) SpammedData(int seed)
    {
        var random = new Random(seed);
        var builder = new RatingTableBuilder();
        var truth = new Dictionary<string, string>();
        for (var i = 0; i < 600; i++)
        {
            var item = $"item{i}";
            var k = random.Next(3);
            truth[item] = $"c{k}";
            for (var e = 0; e < 2; e++) builder.Add(item, $"expert{e}", $"c{(random.NextDouble() < 0.9 ? k : random.Next(3))}");
            for (var s = 0; s < 3; s++) builder.Add(item, $"spammer{s}", "c0");
            builder.Add(item, "adversary", $"c{(random.NextDouble() < 0.9 ? (k + 1) % 3 : random.Next(3))}");
        }
        return (builder.Build(), truth);
    }

    private static double Accuracy(ConsensusResult result, Dictionary<string, string> truth) =>
        result.Labels().Average(l => l.Label == truth[l.Item] ? 1.0 : 0.0);

    [Fact]
    public void Dawid_skene_recovers_the_truth_where_majority_vote_fails()
    {
        var (table, truth) = SpammedData(7);
        var majority = MajorityVote.Compute(table);
        var ds = DawidSkene.Compute(table);
        Assert.True(Accuracy(majority, truth) < 0.5, $"majority accuracy {Accuracy(majority, truth)}");
        Assert.True(Accuracy(ds, truth) > 0.95, $"Dawid–Skene accuracy {Accuracy(ds, truth)}");
        Assert.True(ds.Converged);
        // The posteriors are confident where experts and adversary agree.
        Assert.True(ds.Labels().Average(l => l.Confidence) > 0.9);
        Assert.All(ds.Labels(), l => Assert.InRange(l.Confidence, 1.0 / 3, 1.0));
        // It learnt that spammer0 says c0 whatever the truth: P(c0 | truth = c2) ≈ 1.
        var spammer = table.Annotators.ToList().IndexOf("spammer0");
        Assert.True(ds.Confusion[(spammer * 3 + 0) * 3 + 2] > 0.99);
    }

    [Fact]
    public void Dawid_skene_is_deterministic()
    {
        var first = DawidSkene.Compute(SpammedData(8).Table);
        var second = DawidSkene.Compute(SpammedData(8).Table);
        Assert.Equal(first.ItemLabels, second.ItemLabels);
        Assert.Equal(first.Posterior, second.Posterior); // bit for bit
        Assert.Equal(first.Iterations, second.Iterations);
    }

    [Fact]
    public void Dawid_skene_stops_at_the_iteration_limit_and_says_so()
    {
        var result = DawidSkene.Compute(SpammedData(9).Table, new DawidSkeneOptions(MaxIterations: 1, Tolerance: 0));
        Assert.Equal(1, result.Iterations);
        Assert.False(result.Converged);
    }

    [Fact]
    public void Majority_vote_takes_the_most_common_label_and_breaks_ties_by_label_order()
    {
        var builder = new RatingTableBuilder();
        builder.Add("tie", "a", "zebra");
        builder.Add("tie", "b", "apple");
        builder.Add("clear", "a", "zebra");
        builder.Add("clear", "b", "zebra");
        builder.Add("clear", "c", "apple");
        var labels = MajorityVote.Compute(builder.Build()).Labels().ToDictionary(l => l.Item);
        Assert.Equal(("apple", 0.5), (labels["tie"].Label, labels["tie"].Confidence));
        Assert.Equal("zebra", labels["clear"].Label);
        Assert.Equal(2.0 / 3, labels["clear"].Confidence, 1e-12);
    }

    [Fact]
    public void Box_consensus_averages_clusters_that_enough_annotators_drew()
    {
        LabelledBox B(string who, string label, double x, double y) => new(who, label, new Box(x, y, 10, 10));
        var boxes = new[]
        {
            B("a", "car", 0, 0), B("b", "car", 1, 1), B("c", "car", 2, 2), // one car, drawn by all three
            B("a", "car", 50, 50),                                          // only a sees a second car
            B("b", "person", 0, 0), B("c", "person", 0, 0),                  // same place, other label
        };
        var consensus = BoxConsensus.Compute(boxes, threshold: 0.5, minimumShare: 0.5);
        Assert.Equal(2, consensus.Count);
        var car = Assert.Single(consensus, c => c.Label == "car");
        Assert.Equal(new Box(1, 1, 10, 10), car.Box);
        Assert.Equal(3, car.Supporters);
        Assert.Equal(2.0 / 3, Assert.Single(consensus, c => c.Label == "person").Share, 1e-12);
    }

    [Fact]
    public void Span_consensus_keeps_spans_a_majority_marked()
    {
        var spans = new[]
        {
            new LabelledSpan("a", "PER", 0, 5), new LabelledSpan("b", "PER", 0, 5), new LabelledSpan("c", "PER", 0, 4),
            new LabelledSpan("a", "LOC", 10, 15),
        };
        var consensus = SpanConsensus.Compute(spans, annotators: 3, minimumShare: 0.5);
        var span = Assert.Single(consensus);
        Assert.Equal(("PER", 0, 5, 2), (span.Label, span.Start, span.End, span.Votes));
    }
}
