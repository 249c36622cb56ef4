using Laoshi.Learning.External;

namespace Laoshi.Learning.Tests;

public sealed class NonMaxSuppressionTests
{
    [Fact]
    public void Boxes_overlapping_a_better_box_of_their_class_beyond_the_threshold_are_dropped()
    {
        Detection[] boxes =
        [
            new(0, 0, 0, 10, 10, 0.6),
            new(0, 1, 0, 10, 10, 0.9),    // IoU with the first 90/110 = 0.82
            new(0, 5, 0, 10, 10, 0.8),    // IoU with the second 60/140 = 0.43: kept at 0.45
            new(1, 0, 0, 10, 10, 0.7),    // another class
        ];

        var kept = NonMaxSuppression.Apply(boxes, iouThreshold: 0.45, maxDetections: 10);

        Assert.Equal([0.9, 0.8, 0.7], kept.Select(d => d.Score));
        Assert.Equal([0.9], NonMaxSuppression.Apply(boxes, 0.3, 10, classAgnostic: true).Select(d => d.Score));
        Assert.Equal([0.9, 0.8], NonMaxSuppression.Apply(boxes, 0.45, maxDetections: 2).Select(d => d.Score));
    }
}
