using Laoshi.Core.Regions;

namespace Laoshi.Storage;

/// <summary>What item_labels holds for one item: per label, how many regions of its current annotations carry it.</summary>
internal static class LabelCounts
{
    public static Dictionary<string, int> Of(IEnumerable<IReadOnlyList<Region>> currentResults)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in currentResults)
            foreach (var region in result)
                foreach (var label in region.Labels.Distinct(StringComparer.Ordinal))
                    counts[label] = counts.GetValueOrDefault(label) + 1;
        return counts;
    }
}
