using Laoshi.Core.Errors;

namespace Laoshi.Learning.Search;

/// <summary>
/// How to search: the method, how many configurations to try (the first is the starting values), the folds of
/// cross-validation each trial is scored with, a time budget (no new trial starts once it is spent) and the seed that
/// makes the draws and folds repeatable.
/// </summary>
public sealed record SearchOptions(string Method, int Trials = 20, int Folds = 3, TimeSpan? Budget = null, int Seed = 1)
{
    /// <summary>Halving keeps the best 1/Eta of each rung and gives the next rung Eta times the examples.</summary>
    public const int Eta = 3;

    /// <summary>Throws an error naming the option when a value cannot work.</summary>
    public SearchOptions Checked()
    {
        if (!SearchMethods.All.Contains(Method))
            throw new BadInputException($"unknown search method '{Method}'; use {string.Join(" or ", SearchMethods.All)}", path: "$.search.method", field: "method");
        if (Trials is < 1 or > 1000)
            throw new BadInputException($"trials must be 1 to 1000, not {Trials}", path: "$.search.trials", field: "trials");
        if (Folds is < 2 or > 20)
            throw new BadInputException($"folds must be 2 to 20, not {Folds}", path: "$.search.folds", field: "folds");
        if (Budget is { } budget && (budget <= TimeSpan.Zero || budget > TimeSpan.FromDays(7)))
            throw new BadInputException("the time budget must be more than 0 seconds and at most 7 days", path: "$.search.budget_seconds", field: "budget_seconds");
        return this;
    }
}
