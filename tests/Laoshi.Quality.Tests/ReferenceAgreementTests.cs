namespace Laoshi.Quality.Tests;

/// <summary>
/// Every metric equals the library a data scientist would check it with, to 1e-9, on several seeded data sets with
/// gaps. Each fact sends all its data sets to one Python process.
/// </summary>
public sealed class ReferenceAgreementTests : IDisposable
{
    private const double Precision = 1e-9;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private void AllEqual(IReadOnlyList<(List<Rating> Rows, string[] Reference, Func<RatingTable, double> Ours)> cases)
    {
        var jobs = cases.Select((c, i) =>
        {
            var path = Ratings.WriteJsonLines(c.Rows, _temp.File($"case{i}.jsonl"));
            return (string[])[c.Reference[0], path, .. c.Reference[1..]];
        }).ToList();
        var expected = PythonReference.Values(jobs);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.True(expected[i].HasValue, $"case {i}: the reference gave no value");
            Assert.Equal(expected[i]!.Value, cases[i].Ours(Ratings.Table(cases[i].Rows)), Precision);
        }
    }

    [Fact]
    public void Cohen_kappa_equals_scikit_learn_unweighted_and_weighted()
    {
        AllEqual(
        [
            (Ratings.Generate(1, 300, 2, 4, missing: 0.2, numeric: false), ["cohen", "none"], t => CohenKappa.Compute(t)),
            (Ratings.Generate(2, 80, 2, 2, missing: 0.3, numeric: false, accuracy: 0.3), ["cohen", "none"], t => CohenKappa.Compute(t)),
            (Ratings.Generate(3, 300, 2, 6, missing: 0.1, numeric: true), ["cohen", "none"], t => CohenKappa.Compute(t, CohenWeights.None)),
            (Ratings.Generate(4, 300, 2, 5, missing: 0.2, numeric: true), ["cohen", "linear"], t => CohenKappa.Compute(t, CohenWeights.Linear)),
            (Ratings.Generate(5, 300, 2, 5, missing: 0.2, numeric: true), ["cohen", "quadratic"], t => CohenKappa.Compute(t, CohenWeights.Quadratic)),
        ]);
    }

    [Fact]
    public void Fleiss_kappa_equals_statsmodels()
    {
        AllEqual(
        [
            (Ratings.Generate(11, 250, 8, 5, 0, numeric: false, perItem: 3), ["fleiss"], FleissKappa.Compute),
            (Ratings.Generate(12, 250, 8, 5, 0, numeric: false, perItem: 5), ["fleiss"], FleissKappa.Compute),
            (Ratings.Generate(13, 100, 4, 3, 0, numeric: true, perItem: 4, accuracy: 0.9), ["fleiss"], FleissKappa.Compute),
        ]);
    }

    [Fact]
    public void Krippendorff_alpha_equals_nltk_with_missing_values()
    {
        List<Rating> Data(int seed) => Ratings.Generate(seed, 200, 5, 5, missing: 0.45, numeric: true);
        var nominal = Ratings.Generate(21, 200, 5, 5, missing: 0.45, numeric: false);
        var table = Ratings.Table(nominal);
        Assert.Contains(Enumerable.Range(0, table.ItemCount), i => table.RatingsOf(i) == 1); // some items are dropped
        AllEqual(
        [
            (nominal, ["alpha", "nominal"], t => KrippendorffAlpha.Compute(t)),
            (Data(22), ["alpha", "nominal"], t => KrippendorffAlpha.Compute(t, MeasurementLevel.Nominal)),
            (Data(23), ["alpha", "interval"], t => KrippendorffAlpha.Compute(t, MeasurementLevel.Interval)),
            (Data(24), ["alpha", "interval"], t => KrippendorffAlpha.Compute(t, MeasurementLevel.Interval)),
            (Data(25), ["alpha", "ordinal"], t => KrippendorffAlpha.Compute(t, MeasurementLevel.Ordinal)),
            (Data(26), ["alpha", "ratio"], t => KrippendorffAlpha.Compute(t, MeasurementLevel.Ratio)),
        ]);
    }

    [Fact]
    public void Per_pair_and_per_label_figures_equal_the_references_on_each_subset()
    {
        var rows = Ratings.Generate(31, 120, 3, 3, missing: 0.25, numeric: false);
        var table = Ratings.Table(rows);
        var cohen = Agreement.Report(table, AgreementMetric.Cohen);
        Assert.Null(cohen.Value); // three annotators: Cohen's kappa is per pair only
        Assert.Equal(3, cohen.Pairs.Count);
        var alpha = Agreement.Report(table, AgreementMetric.Krippendorff, pairs: false);
        Assert.Equal(["c0", "c1", "c2"], alpha.PerLabel.Select(l => l.Label));

        var jobs = new List<string[]>();
        var ours = new List<double>();
        foreach (var pair in cohen.Pairs)
        {
            var path = Ratings.WriteJsonLines(rows.Where(r => r.Annotator == pair.First || r.Annotator == pair.Second), _temp.File($"pair{jobs.Count}.jsonl"));
            jobs.Add(["cohen", path]);
            ours.Add(pair.Value!.Value);
        }
        foreach (var label in alpha.PerLabel)
        {
            var recoded = rows.Select(r => r with { Label = (string)r.Label == label.Label ? "yes" : "no" });
            jobs.Add(["alpha", Ratings.WriteJsonLines(recoded, _temp.File($"label{jobs.Count}.jsonl")), "nominal"]);
            ours.Add(label.Value!.Value);
        }
        var expected = PythonReference.Values(jobs);
        for (var i = 0; i < jobs.Count; i++) Assert.Equal(expected[i]!.Value, ours[i], Precision);
    }
}
