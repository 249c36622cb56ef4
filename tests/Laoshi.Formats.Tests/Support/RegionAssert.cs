using System.Text.Json.Nodes;
using Laoshi.Core.Regions;

namespace Laoshi.Formats.Tests.Support;

/// <summary>Compares regions by value: lists by their elements, numbers to 9 decimal places.</summary>
public static class RegionAssert
{
    public static void Same(Region expected, Region actual)
    {
        Assert.Equal((expected.Id, expected.FromName, expected.ToName, expected.Type), (actual.Id, actual.FromName, actual.ToName, actual.Type));
        Assert.Equal(expected.Labels, actual.Labels);
        Close(expected.X, actual.X, nameof(Region.X));
        Close(expected.Y, actual.Y, nameof(Region.Y));
        Close(expected.Width, actual.Width, nameof(Region.Width));
        Close(expected.Height, actual.Height, nameof(Region.Height));
        Close(expected.Rotation, actual.Rotation, nameof(Region.Rotation));
        Assert.Equal(expected.Points?.Count, actual.Points?.Count);
        for (var i = 0; i < (expected.Points?.Count ?? 0); i++)
        {
            Close(expected.Points![i].X, actual.Points![i].X, $"Points[{i}].X");
            Close(expected.Points![i].Y, actual.Points![i].Y, $"Points[{i}].Y");
        }
        Assert.Equal((expected.OriginalWidth, expected.OriginalHeight, expected.Units), (actual.OriginalWidth, actual.OriginalHeight, actual.Units));
        Assert.Equal((expected.Start, expected.End, expected.Text), (actual.Start, actual.End, actual.Text));
        Close(expected.StartTime, actual.StartTime, nameof(Region.StartTime));
        Close(expected.EndTime, actual.EndTime, nameof(Region.EndTime));
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.TextLines, actual.TextLines);
        Assert.Equal((expected.Rating, expected.Score, expected.ParentId), (actual.Rating, actual.Score, actual.ParentId));
        Assert.True(JsonNode.DeepEquals(expected.Extra, actual.Extra), $"Extra: expected {expected.Extra?.ToJsonString()}, got {actual.Extra?.ToJsonString()}");
    }

    private static void Close(double? expected, double? actual, string name)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{name}: expected {expected}, got {actual}");
        if (expected is { } e)
            Assert.True(Math.Abs(e - actual!.Value) < 1e-9 * Math.Max(1, Math.Abs(e)), $"{name}: expected {e}, got {actual}");
    }
}
