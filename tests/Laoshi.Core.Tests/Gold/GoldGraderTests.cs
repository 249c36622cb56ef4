using Laoshi.Core.Gold;
using Laoshi.Core.Regions;

namespace Laoshi.Core.Tests.Gold;

public sealed class GoldGraderTests
{
    private static Region Choice(string control, params string[] labels) =>
        new() { Id = control, FromName = control, ToName = "text", Type = RegionTypes.Choices, Labels = labels };

    private static Region Box(string label, double x, double y, double w, double h) =>
        new() { Id = Guid.NewGuid().ToString("N"), FromName = "box", ToName = "image", Type = RegionTypes.RectangleLabels, Labels = [label], X = x, Y = y, Width = w, Height = h };

    private static Region Span(string label, int start, int end) =>
        new() { Id = Guid.NewGuid().ToString("N"), FromName = "entities", ToName = "text", Type = RegionTypes.Labels, Labels = [label], Start = start, End = end };

    [Fact]
    public void Classes_match_exactly_per_control()
    {
        var gold = new[] { Choice("emotion", "joy"), Choice("topic", "sport", "news") };
        var right = GoldGrader.Grade(gold, [Choice("topic", "news", "sport"), Choice("emotion", "joy")]);
        Assert.True(right.Correct);
        Assert.Equal(2, right.GoldUnits);

        var half = GoldGrader.Grade(gold, [Choice("emotion", "joy"), Choice("topic", "sport")]);
        Assert.False(half.Correct);
        Assert.Equal(1, half.Matched);
        Assert.Equal(1.0, half.ByLabel["joy"].Accuracy);
        Assert.Equal(0.0, half.ByLabel["news"].Accuracy);
        Assert.Equal(1.0 / 3, half.Accuracy, 9); // one right of two gold units plus one wrong answer
    }

    [Fact]
    public void Boxes_match_at_iou_one_half_with_the_same_label_one_to_one()
    {
        var gold = new[] { Box("sofa", 0, 0, 100, 100), Box("lamp", 200, 0, 20, 40) };
        // 100x100 against 100x50 inside it: IoU exactly 0.5 counts.
        var grade = GoldGrader.Grade(gold, [Box("sofa", 0, 0, 100, 50), Box("sofa", 0, 0, 100, 100), Box("sofa", 200, 0, 20, 40)]);
        Assert.Equal(1, grade.Matched);
        Assert.Equal(2, grade.Extra); // the second sofa box has no gold left to match; the lamp-shaped box says sofa
        Assert.Equal(1.0, grade.ByLabel["sofa"].Matched);
        Assert.Equal(0, grade.ByLabel["lamp"].Matched);

        var shifted = GoldGrader.Grade([Box("sofa", 0, 0, 100, 100)], [Box("sofa", 40, 0, 100, 100)]);
        Assert.False(shifted.Correct); // IoU 60/140 < 0.5
    }

    [Fact]
    public void Spans_need_the_same_boundaries_and_label()
    {
        var gold = new[] { Span("PER", 0, 2), Span("LOC", 3, 5) };
        Assert.True(GoldGrader.Grade(gold, [Span("LOC", 3, 5), Span("PER", 0, 2)]).Correct);
        var off = GoldGrader.Grade(gold, [Span("PER", 0, 3), Span("PER", 3, 5)]);
        Assert.Equal(0, off.Matched);
        Assert.Equal(2, off.Extra);
        Assert.Equal(0.0, off.ByLabel["PER"].Accuracy);
    }
}
