using System.Text.Json.Nodes;
using Laoshi.Evaluation.Classification;
using Laoshi.Evaluation.Comparisons;

namespace Laoshi.Evaluation.Tests;

/// <summary>McNemar's test against statsmodels, the paired bootstrap, flipped items.</summary>
public sealed class ComparisonTests
{
    [Fact]
    public void McNemar_equals_statsmodels_exact_and_chi_square()
    {
        var tables = new (int B, int C, bool Exact)[]
        {
            (0, 0, true), (3, 3, true), (1, 9, true), (12, 2, true), (0, 24, true), (40, 400, true),
            (30, 12, false), (13, 13, false), (100, 150, false), (1, 70, false), (5000, 5300, false),
        };
        var expected = PythonReference.Run([.. tables.Select(t => new JsonObject { ["kind"] = "mcnemar", ["b"] = t.B, ["c"] = t.C, ["exact"] = t.Exact })]);
        for (var i = 0; i < tables.Length; i++)
        {
            var ours = McNemar.Test(tables[i].B, tables[i].C, tables[i].Exact);
            Assert.Equal(PythonReference.Number(expected[i]["statistic"]), ours.Statistic, 1e-9);
            var p = PythonReference.Number(expected[i]["pvalue"]);
            Assert.True(Math.Abs(p - ours.PValue) <= 1e-12 + 1e-9 * p, $"table {tables[i]}: statsmodels p {p}, ours {ours.PValue}");
        }
        Assert.True(McNemar.Test(3, 9).Exact);
        Assert.False(McNemar.Test(30, 12).Exact);
    }

    [Fact]
    public void Chi_square_and_binomial_tails_equal_scipy()
    {
        double[] xs = [0.001, 0.5, 1, 3.84, 10, 50, 200];
        (long K, long N, double P)[] binomials = [(0, 10, 0.5), (3, 20, 0.5), (10, 20, 0.5), (5, 40, 0.3), (490, 1000, 0.5)];
        foreach (var df in new[] { 1, 3 })
        {
            var expected = PythonReference.Run(new JsonObject
            {
                ["kind"] = "distributions", ["df"] = df, ["x"] = PythonReference.Array(xs),
                ["binom"] = PythonReference.Array(binomials.Select(b => new object[] { b.K, b.N, b.P })),
            });
            var chi = expected["chi2_sf"]!.AsArray();
            for (var i = 0; i < xs.Length; i++)
            {
                var p = PythonReference.Number(chi[i]);
                Assert.True(Math.Abs(p - Distributions.ChiSquareSurvival(xs[i], df)) <= 1e-13 + 1e-10 * p, $"chi2.sf({xs[i]}, {df})");
            }
            var binom = expected["binom_cdf"]!.AsArray();
            for (var i = 0; i < binomials.Length; i++)
                Assert.Equal(PythonReference.Number(binom[i]), Distributions.BinomialCdf(binomials[i].K, binomials[i].N, binomials[i].P), 1e-12);
        }
    }

    private static List<PairedOutcome> Outcomes(int seed, int count, double baseline, double candidate)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new PairedOutcome($"i{i}", random.NextDouble() < baseline, random.NextDouble() < candidate))];
    }

    [Fact]
    public void The_bootstrap_interval_is_seeded_and_surrounds_the_delta()
    {
        var outcomes = Outcomes(1, 2000, 0.70, 0.78);
        var first = PairedBootstrap.Accuracy(outcomes);
        var again = PairedBootstrap.Accuracy(outcomes);
        Assert.Equal(first, again);
        Assert.InRange(first.Delta, first.Lower, first.Upper);
        Assert.True(first.Significant);
        // Roughly ±1.96 standard errors of a difference of two proportions on 2,000 items (≈ ±0.027).
        Assert.InRange(first.Upper - first.Lower, 0.04, 0.07);
        var other = PairedBootstrap.Accuracy(outcomes, seed: 7);
        Assert.NotEqual(first.Lower, other.Lower);

        var same = Outcomes(2, 500, 0.8, 0.8).Select(o => o with { CandidateRight = o.BaselineRight }).ToList();
        var none = PairedBootstrap.Accuracy(same);
        Assert.Equal((0.0, 0.0, 0.0), (none.Delta, none.Lower, none.Upper));
        Assert.False(none.Significant);
    }

    [Fact]
    public void Any_metric_can_be_bootstrapped_over_paired_cases()
    {
        var random = new Random(3);
        var labels = new[] { "a", "b", "c" };
        var truth = Enumerable.Range(0, 600).Select(_ => labels[random.Next(3)]).ToArray();
        var baseline = truth.Select((t, i) => new ClassificationCase($"{i}", [t], [random.NextDouble() < 0.6 ? t : labels[random.Next(3)]])).ToList();
        var candidate = truth.Select((t, i) => new ClassificationCase($"{i}", [t], [random.NextDouble() < 0.9 ? t : labels[random.Next(3)]])).ToList();
        var interval = PairedBootstrap.Delta(baseline, candidate, cases => ClassificationMetrics.Compute(cases).Macro.F1, resamples: 200);
        Assert.Equal(ClassificationMetrics.Compute(candidate).Macro.F1 - ClassificationMetrics.Compute(baseline).Macro.F1, interval.Delta, 12);
        Assert.True(interval.Lower > 0.15, $"{interval}");
        Assert.InRange(interval.Delta, interval.Lower, interval.Upper);
    }

    [Fact]
    public void Flipped_items_list_regressions_first()
    {
        var flips = Flips.Find(
        [
            new PairedOutcome("fixed", false, true), new PairedOutcome("kept", true, true), new PairedOutcome("broke", true, false),
            new PairedOutcome("still wrong", false, false), new PairedOutcome("broke too", true, false),
        ]);
        Assert.Equal(["broke", "broke too", "fixed"], flips.Select(f => f.Item));
        Assert.Equal(FlipDirection.RightToWrong, flips[0].Direction);
        Assert.Equal(FlipDirection.WrongToRight, flips[2].Direction);
        var test = McNemar.Test([new PairedOutcome("fixed", false, true), new PairedOutcome("broke", true, false), new PairedOutcome("broke too", true, false)]);
        Assert.Equal((2, 1), (test.B, test.C));

        var joined = PairedOutcomes.Join(
            [new ClassificationCase("1", ["a"], ["a"]), new ClassificationCase("2", ["b"], ["a"]), new ClassificationCase("only-here", ["a"], ["a"])],
            [new ClassificationCase("2", ["b"], ["b"]), new ClassificationCase("1", ["a"], ["b"])]);
        Assert.Equal([new PairedOutcome("1", true, false), new PairedOutcome("2", false, true)], joined);
    }
}
