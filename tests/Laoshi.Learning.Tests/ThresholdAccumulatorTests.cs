using Laoshi.Learning.Thresholds;

namespace Laoshi.Learning.Tests;

public sealed class ThresholdAccumulatorTests
{
    [Fact]
    public void Each_threshold_shows_the_precision_and_recall_it_would_give()
    {
        var accumulator = new ThresholdAccumulator(["cat", "dog"], new Dictionary<string, double> { ["cat"] = 0.72 }, grid: [0, 0.5, 0.9]);
        accumulator.Add(["cat"], "cat", 0.95);   // right, confident
        accumulator.Add(["cat"], "cat", 0.6);    // right, unsure
        accumulator.Add(["dog"], "cat", 0.8);    // wrong
        accumulator.Add(["cat"], "dog", 0.55);   // wrong
        accumulator.Add(["dog"], null, null);    // model said nothing

        var report = accumulator.Build();

        var cat = report[0];
        Assert.Equal(("cat", 3L, 0.72), (cat.Label, cat.Support, cat.Current!.Value));
        Assert.Equal([0, 0.5, 0.72, 0.9], cat.Points.Select(p => p.Threshold));
        // t = 0.5 keeps 0.95, 0.6 and 0.8: 2 right of 3 kept; 2 of 3 cats found
        Assert.Equal((2.0 / 3, 2.0 / 3, 3L), (cat.Points[1].Precision!.Value, cat.Points[1].Recall, cat.Points[1].Kept));
        // t = 0.72 keeps 0.95 and 0.8
        Assert.Equal((0.5, 1.0 / 3, 2L), (cat.AtCurrent!.Precision!.Value, cat.AtCurrent.Recall, cat.AtCurrent.Kept));
        Assert.Equal((1.0, 1.0 / 3), (cat.Points[3].Precision!.Value, cat.Points[3].Recall));
        var dog = report[1];
        Assert.Equal(2, dog.Support);
        Assert.Null(dog.Points[3].Precision);
        Assert.Equal(0, dog.Points[1].Precision);
    }
}
