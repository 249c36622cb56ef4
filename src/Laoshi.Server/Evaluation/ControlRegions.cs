using Laoshi.Core.Regions;

namespace Laoshi.Server.Evaluation;

/// <summary>Picks out what one control said in an answer.</summary>
public static class ControlRegions
{
    public static IReadOnlyList<Region> Of(IReadOnlyList<Region> answer, string control) =>
        answer.Where(r => string.Equals(r.FromName, control, StringComparison.Ordinal)).ToList();

    /// <summary>The labels a classification control chose, sorted and without repeats (so order never matters).</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<Region> regions) =>
        regions.SelectMany(r => r.Type == RegionTypes.Rating && r.Rating is { } rating
                ? [rating.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                : r.Labels)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A transcript: every line of the control's text regions, in order, joined by a line break.</summary>
    public static string Text(IReadOnlyList<Region> regions) =>
        string.Join("\n", regions.SelectMany(r => r.TextLines ?? []));
}
