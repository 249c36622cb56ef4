namespace Laoshi.Evaluation.Comparisons;

/// <summary>
/// McNemar's test of two classifiers on the same items: only the items they disagree on count. B = items the
/// baseline got right and the candidate wrong, C = the reverse.
/// </summary>
public static class McNemar
{
    /// <summary>Below this many disagreements the exact binomial test is used, above it the chi-square approximation.</summary>
    public const int ExactBelow = 25;

    public static McNemarResult Test(int b, int c) => Test(b, c, exact: b + c < ExactBelow);

    /// <summary>As statsmodels' mcnemar(table, exact, correction): the same statistic and p-value.</summary>
    public static McNemarResult Test(int b, int c, bool exact, bool correction = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        if (exact)
        {
            var statistic = Math.Min(b, c);
            return new McNemarResult(b, c, statistic, Math.Min(1, 2 * Distributions.BinomialCdf(statistic, (long)b + c, 0.5)), Exact: true);
        }
        if (b + c == 0) return new McNemarResult(b, c, 0, 1, Exact: false);
        var difference = Math.Abs((double)b - c) - (correction ? 1 : 0);
        var chiSquare = difference * difference / ((double)b + c);
        return new McNemarResult(b, c, chiSquare, Distributions.ChiSquareSurvival(chiSquare, 1), Exact: false);
    }

    /// <summary>Counts B and C from paired right/wrong outcomes and tests them.</summary>
    public static McNemarResult Test(IEnumerable<PairedOutcome> outcomes)
    {
        int b = 0, c = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.BaselineRight && !outcome.CandidateRight) b++;
            else if (!outcome.BaselineRight && outcome.CandidateRight) c++;
        }
        return Test(b, c);
    }
}

/// <summary>The test's verdict: the statistic (min(B, C) for the exact test, chi-square otherwise) and its p-value.</summary>
public sealed record McNemarResult(int B, int C, double Statistic, double PValue, bool Exact);
