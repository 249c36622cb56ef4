using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>
/// Which answer the detection formats write for an item: they hold one set of boxes per image, so they take
/// the most recent annotation (by time, then id), not a mix of every annotator's boxes.
/// </summary>
internal static class ExportAnswers
{
    public static IReadOnlyList<Region> Latest(ExportItem item)
    {
        ExportedAnswer? latest = null;
        foreach (var answer in item.Annotations)
        {
            if (latest is null || answer.CreatedAt > latest.CreatedAt || answer.CreatedAt == latest.CreatedAt && answer.Id > latest.Id)
                latest = answer;
        }
        return latest?.Result ?? [];
    }
}
