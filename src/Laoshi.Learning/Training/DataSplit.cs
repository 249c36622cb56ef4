namespace Laoshi.Learning.Training;

/// <summary>
/// Reproducible splits: the same seed and examples give the same parts. Splits are stratified by each example's first
/// label, so a rare class lands in every part it can.
/// </summary>
public static class DataSplit
{
    /// <summary>Holds out a share of the examples for testing.</summary>
    public static (IReadOnlyList<TrainingExample> Train, IReadOnlyList<TrainingExample> Test) Holdout(
        IReadOnlyList<TrainingExample> examples, double testShare, int seed)
    {
        if (testShare is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testShare), "the test share must be between 0 and 1");
        var train = new List<TrainingExample>();
        var test = new List<TrainingExample>();
        foreach (var group in Strata(examples, seed))
        {
            var take = (int)Math.Round(group.Count * testShare);
            if (take == 0 && group.Count >= 2 && examples.Count * testShare >= 1) take = 1;
            test.AddRange(group.Take(take));
            train.AddRange(group.Skip(take));
        }
        return (train, test);
    }

    /// <summary>k folds: each example is in exactly one fold's test part.</summary>
    public static IReadOnlyList<(IReadOnlyList<TrainingExample> Train, IReadOnlyList<TrainingExample> Test)> KFold(
        IReadOnlyList<TrainingExample> examples, int k, int seed)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "cross-validation needs at least 2 folds");
        var fold = new Dictionary<TrainingExample, int>(ReferenceEqualityComparer.Instance);
        var next = 0;
        foreach (var group in Strata(examples, seed))
            foreach (var example in group)
                fold[example] = next++ % k;
        return [.. Enumerable.Range(0, k).Select(f =>
            ((IReadOnlyList<TrainingExample>)[.. examples.Where(e => fold[e] != f)], (IReadOnlyList<TrainingExample>)[.. examples.Where(e => fold[e] == f)]))];
    }

    /// <summary>A seeded random subset of n examples (learning curves, successive halving's small rungs).</summary>
    public static IReadOnlyList<TrainingExample> Sample(IReadOnlyList<TrainingExample> examples, int n, int seed) =>
        n >= examples.Count ? examples : [.. Shuffled(examples, seed).Take(n)];

    private static IEnumerable<List<TrainingExample>> Strata(IReadOnlyList<TrainingExample> examples, int seed) =>
        Shuffled(examples, seed)
            .GroupBy(e => e.Labels.Count > 0 ? e.Labels[0] : "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList());

    private static List<TrainingExample> Shuffled(IReadOnlyList<TrainingExample> examples, int seed)
    {
        var list = examples.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
