namespace Laoshi.Quality.Tests;

public sealed class BoxAndSpanAgreementTests
{
    [Fact]
    public void Iou_of_boxes()
    {
        Assert.Equal(1, new Box(0, 0, 10, 10).IoU(new Box(0, 0, 10, 10)));
        Assert.Equal(25.0 / 175, new Box(0, 0, 10, 10).IoU(new Box(5, 5, 10, 10)), 1e-12);
        Assert.Equal(0, new Box(0, 0, 10, 10).IoU(new Box(10, 0, 10, 10))); // touching is not overlapping
    }

    [Fact]
    public void Boxes_match_greedily_by_iou_with_the_same_label()
    {
        LabelledBox B(string who, string label, double x) => new(who, label, new Box(x, 0, 10, 10));
        var first = new[] { B("a", "car", 0), B("a", "car", 30), B("a", "dog", 60) };
        var second = new[] { B("b", "car", 1), B("b", "car", 38), B("b", "cat", 60) };
        // car@0 ~ car@1 (IoU 0.82) matches; car@30 ~ car@38 has IoU 2/18 < 0.5; dog and cat differ in label.
        Assert.Equal(1, BoxAgreement.Match(first, second, 0.5));
        Assert.Equal(2, BoxAgreement.Match(first, second, 0.1));
        var result = BoxAgreement.Compute([[.. first, .. second]], 0.5);
        Assert.Equal((1, 6), (result.MatchedPairs, result.Boxes));
        Assert.Equal(2.0 / 6, result.Value!.Value, 1e-12);
    }

    [Fact]
    public void Greedy_matching_takes_the_best_overlap_first()
    {
        LabelledBox B(string who, double x) => new(who, "car", new Box(x, 0, 10, 10));
        // a@4–b@4 (IoU 1) is taken first, which leaves a@0–b@2 (0.67); taking a@4–b@2 first would have left a@0 unmatched.
        Assert.Equal(2, BoxAgreement.Match([B("a", 0), B("a", 4)], [B("b", 4), B("b", 2)], 0.5));
    }

    [Fact]
    public void Spans_exact_and_overlap_f1()
    {
        IReadOnlyList<LabelledSpan> item =
        [
            new("a", "PER", 0, 5), new("a", "LOC", 10, 20), new("a", "ORG", 30, 35),
            new("b", "PER", 0, 5), new("b", "LOC", 12, 20),
        ];
        var result = SpanAgreement.Compute([item], "a", "b");
        Assert.Equal(2.0 * 1 / 5, result.ExactF1!.Value, 1e-12);
        // a: 2 of 3 found by b; b: 2 of 2 found by a. F1 = 2·(2/3)·1 / (2/3 + 1) = 0.8
        Assert.Equal(0.8, result.OverlapF1!.Value, 1e-12);
        Assert.Null(SpanAgreement.Compute([item], "x", "y").ExactF1);
    }
}
