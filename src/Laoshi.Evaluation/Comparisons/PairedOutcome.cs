namespace Laoshi.Evaluation.Comparisons;

/// <summary>Whether a baseline and a candidate model each got one item right.</summary>
public sealed record PairedOutcome(string Item, bool BaselineRight, bool CandidateRight);

public enum FlipDirection
{
    /// <summary>The baseline was right and the candidate is wrong: a regression.</summary>
    RightToWrong,

    /// <summary>The baseline was wrong and the candidate is right: a fix.</summary>
    WrongToRight,
}

/// <summary>An item whose outcome changed between two models.</summary>
public sealed record Flip(string Item, FlipDirection Direction);

public static class Flips
{
    /// <summary>Items that changed, regressions first (each group in input order).</summary>
    public static IReadOnlyList<Flip> Find(IEnumerable<PairedOutcome> outcomes)
    {
        var regressions = new List<Flip>();
        var fixes = new List<Flip>();
        foreach (var outcome in outcomes)
        {
            if (outcome.BaselineRight && !outcome.CandidateRight) regressions.Add(new Flip(outcome.Item, FlipDirection.RightToWrong));
            else if (!outcome.BaselineRight && outcome.CandidateRight) fixes.Add(new Flip(outcome.Item, FlipDirection.WrongToRight));
        }
        return [.. regressions, .. fixes];
    }
}
