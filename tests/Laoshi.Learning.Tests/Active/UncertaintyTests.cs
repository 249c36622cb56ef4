using Laoshi.Learning.Active;

namespace Laoshi.Learning.Tests.Active;

public sealed class UncertaintyTests
{
    private static Dictionary<string, double> P(params double[] p) => p.Select((x, i) => ($"c{i}", x)).ToDictionary(x => x.Item1, x => x.x);

    [Fact]
    public void A_sure_answer_scores_zero_and_a_uniform_one_scores_one_for_every_measure()
    {
        foreach (var strategy in new[] { SamplingStrategies.LeastConfidence, SamplingStrategies.Margin, SamplingStrategies.Entropy })
        {
            Assert.Equal(0, Uncertainty.Score(strategy, P(1, 0, 0)), 9);
            Assert.Equal(1, Uncertainty.Score(strategy, P(1 / 3.0, 1 / 3.0, 1 / 3.0)), 9);
        }
    }

    [Fact]
    public void The_measures_give_the_textbook_values()
    {
        var p = P(0.5, 0.3, 0.2);
        Assert.Equal((1 - 0.5) * 3 / 2, Uncertainty.LeastConfidence(p.Values), 9);
        Assert.Equal(1 - (0.5 - 0.3), Uncertainty.Margin(p.Values), 9);
        var entropy = -(0.5 * Math.Log(0.5) + 0.3 * Math.Log(0.3) + 0.2 * Math.Log(0.2)) / Math.Log(3);
        Assert.Equal(entropy, Uncertainty.Entropy(p.Values), 9);
    }

    [Fact]
    public void Margin_and_least_confidence_disagree_where_the_runner_up_is_close()
    {
        // a: the top class is weak but far ahead of a flat rest; b: the top class is stronger but one rival is close.
        var a = P(0.40, 0.20, 0.20, 0.20);
        var b = P(0.45, 0.44, 0.11, 0.00);
        Assert.True(Uncertainty.LeastConfidence(a.Values) > Uncertainty.LeastConfidence(b.Values));
        Assert.True(Uncertainty.Margin(b.Values) > Uncertainty.Margin(a.Values));
    }

    [Fact]
    public void Scores_that_do_not_sum_to_one_are_normalised()
    {
        Assert.Equal(Uncertainty.Entropy([0.6, 0.4]), Uncertainty.Entropy([0.3, 0.2]), 9);
        Assert.Equal(1, Uncertainty.Margin([0, 0]), 9);
    }
}
