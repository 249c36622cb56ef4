using Laoshi.Core.Regions;
using Laoshi.Core.Review;

namespace Laoshi.Core.Tests.Review;

public sealed class ItemAgreementTests
{
    private static Region Choice(params string[] labels) =>
        new() { Id = "c", FromName = "emotion", ToName = "text", Type = RegionTypes.Choices, Labels = labels };

    private static Region Box(double x, double y, double w, double h, string label) =>
        new() { Id = Guid.NewGuid().ToString("N"), FromName = "box", ToName = "image", Type = RegionTypes.RectangleLabels, X = x, Y = y, Width = w, Height = h, Labels = [label] };

    private static Region Span(int start, int end, string label) =>
        new() { Id = Guid.NewGuid().ToString("N"), FromName = "entities", ToName = "text", Type = RegionTypes.Labels, Start = start, End = end, Labels = [label] };

    [Fact]
    public void Classification_is_the_share_of_pairs_with_the_same_label_set()
    {
        Assert.Equal(1.0, ItemAgreement.Of([[Choice("joy", "calm")], [Choice("calm", "joy")]]));
        Assert.Equal(1.0 / 3, ItemAgreement.Of([[Choice("joy")], [Choice("joy")], [Choice("calm")]]), 12);
        Assert.Equal(0.0, ItemAgreement.Of([[Choice("joy")], [Choice("joy", "calm")]]));
        Assert.Equal(1.0, ItemAgreement.Of([[Choice("joy")]]));
    }

    [Fact]
    public void Boxes_match_one_to_one_at_iou_one_half_with_the_same_label()
    {
        // IoU of (0,0,10,10) and (0,0,10,5) is 0.5: a match; (0,0,10,4) is 0.4: not.
        Assert.Equal(1.0, ItemAgreement.Pair([Box(0, 0, 10, 10, "sofa")], [Box(0, 0, 10, 5, "sofa")]));
        Assert.Equal(0.0, ItemAgreement.Pair([Box(0, 0, 10, 10, "sofa")], [Box(0, 0, 10, 4, "sofa")]));
        Assert.Equal(0.0, ItemAgreement.Pair([Box(0, 0, 10, 10, "sofa")], [Box(0, 0, 10, 10, "lamp")]));
        // Two boxes against one matching box: one matched pair over three regions less the pair = 1 / 2.
        Assert.Equal(0.5, ItemAgreement.Pair([Box(0, 0, 10, 10, "sofa"), Box(50, 50, 10, 10, "sofa")], [Box(1, 1, 10, 10, "sofa")]));
    }

    [Fact]
    public void Spans_score_exact_match_f1_and_controls_are_averaged()
    {
        Assert.Equal(2.0 * 1 / 3, ItemAgreement.Pair([Span(0, 2, "PER"), Span(5, 7, "LOC")], [Span(0, 2, "PER")]), 12);
        Assert.Equal(0.0, ItemAgreement.Pair([Span(0, 2, "PER")], [Span(0, 3, "PER")]));
        Assert.Equal(0.5, ItemAgreement.Pair([Choice("joy"), Span(0, 2, "PER")], [Choice("joy"), Span(0, 2, "LOC")]));
        Assert.Equal(1.0, ItemAgreement.Pair([], []));
    }
}
