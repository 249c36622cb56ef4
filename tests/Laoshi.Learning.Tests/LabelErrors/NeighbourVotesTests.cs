using Laoshi.Learning.LabelErrors;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>The neighbour vote: each example judged by the given labels of its nearest neighbours, never by its own.</summary>
public sealed class NeighbourVotesTests
{
    /// <summary>Two tight groups of points in the plane, around (1, 0) and (0, 1); group 0 is labelled 0 and group 1 labelled 1.</summary>
    private static (List<float[]> Vectors, List<int> Labels) TwoGroups(int perGroup)
    {
        var random = new Random(5);
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var group = 0; group < 2; group++)
            for (var n = 0; n < perGroup; n++)
            {
                var jitter = (float)(random.NextDouble() * 0.2);
                vectors.Add(group == 0 ? [1, jitter] : [jitter, 1]);
                labels.Add(group);
            }
        return (vectors, labels);
    }

    [Fact]
    public void A_label_that_contradicts_its_neighbourhood_gets_the_neighbours_class()
    {
        var (vectors, labels) = TwoGroups(20);
        labels[3] = 1; // in group 0, labelled 1

        var votes = NeighbourVotes.Probabilities(vectors, labels, classes: 2, neighbours: 5, seed: 1, TestContext.Current.CancellationToken);

        // Its own label does not vote: all 5 neighbours say 0, smoothed by half a vote per class.
        Assert.Equal(5.5 / 6, votes[3][0], 12);
        Assert.Equal(0.5 / 6, votes[3][1], 12);
        Assert.All(votes, v => Assert.Equal(1.0, v.Sum(), 12));
        Assert.All(Enumerable.Range(20, 20), i => Assert.True(votes[i][1] > 0.9, $"example {i}: {votes[i][1]}"));
    }

    [Fact]
    public void Scale_does_not_matter_and_zero_vectors_are_allowed()
    {
        var (vectors, labels) = TwoGroups(10);
        var scaled = vectors.Select(v => v.Select(x => x * 1000).ToArray()).ToList();
        scaled.Add([0, 0]);
        labels.Add(0);

        var plain = NeighbourVotes.Probabilities(vectors, labels[..20], 2, 3, 1, TestContext.Current.CancellationToken);
        var big = NeighbourVotes.Probabilities(scaled, labels, 2, 3, 1, TestContext.Current.CancellationToken);

        for (var i = 0; i < 20; i++) Assert.Equal(plain[i][0] > 0.5, big[i][0] > 0.5);
        Assert.Equal(1.0, big[20].Sum(), 12);
    }

    [Fact]
    public void More_neighbours_than_examples_means_all_the_others()
    {
        var votes = NeighbourVotes.Probabilities([[1f, 0f], [1f, 0.1f], [0f, 1f]], [0, 0, 1], 2, 40, 1, TestContext.Current.CancellationToken);

        // Two others each: example 0 sees one 0 and one 1.
        Assert.Equal(1.5 / 3, votes[0][0], 12);
    }

    [Fact]
    public void Past_the_reference_limit_a_seeded_sample_votes_and_the_answer_repeats()
    {
        var (vectors, labels) = TwoGroups(100);

        var a = NeighbourVotes.Probabilities(vectors, labels, 2, 5, seed: 3, TestContext.Current.CancellationToken, maxReferences: 30);
        var b = NeighbourVotes.Probabilities(vectors, labels, 2, 5, seed: 3, TestContext.Current.CancellationToken, maxReferences: 30);

        Assert.Equal(a.Select(v => v[0]), b.Select(v => v[0]));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(labels[i], a[i][1] > 0.5 ? 1 : 0));
    }

    [Fact]
    public void Embeddings_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            NeighbourVotes.Probabilities([[1f, 0f], [1f, 0f, 0f]], [0, 1], 2, 1, 1, TestContext.Current.CancellationToken));
    }
}
