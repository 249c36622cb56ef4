namespace Laoshi.Quality.Tests;

/// <summary>The worked examples of the papers that define the metrics.</summary>
public sealed class PaperExampleTests
{
    /// <summary>Fleiss (1971): 10 subjects, 14 raters, 5 categories, as Wikipedia's "Fleiss' kappa" reproduces it.</summary>
    private static readonly int[][] FleissTable =
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];

    /// <summary>Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, gaps.</summary>
    private static readonly int?[][] ReliabilityData =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    [Fact]
    public void Fleiss_1971_example_gives_0_210()
    {
        var builder = new RatingTableBuilder();
        for (var subject = 0; subject < FleissTable.Length; subject++)
        {
            var rater = 0;
            for (var category = 0; category < 5; category++)
                for (var i = 0; i < FleissTable[subject][category]; i++)
                    builder.Add($"s{subject}", $"r{rater++}", $"category {category + 1}");
        }
        var table = builder.Build();
        Assert.Equal(0.210, Math.Round(FleissKappa.Compute(table), 3));
        // Wikipedia's intermediate figures: P̄ = 0.378, P̄e = 0.213.
        Assert.Equal(0.378, Math.Round(PercentAgreement.Compute(table), 3));
    }

    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.743)]
    [InlineData(MeasurementLevel.Ordinal, 0.815)]
    [InlineData(MeasurementLevel.Interval, 0.849)]
    [InlineData(MeasurementLevel.Ratio, 0.797)]
    public void Krippendorff_2011_reliability_data_gives_his_alphas(MeasurementLevel level, double expected)
    {
        var builder = new RatingTableBuilder();
        for (var observer = 0; observer < ReliabilityData.Length; observer++)
            for (var unit = 0; unit < 12; unit++)
                if (ReliabilityData[observer][unit] is { } value)
                    builder.Add($"unit {unit + 1}", "ABCD"[observer].ToString(), value);
        Assert.Equal(expected, Math.Round(KrippendorffAlpha.Compute(builder.Build(), level), 3));
    }
}
