using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// The answer a test item is scored against: its agreed answer when it has one (then it is the only answer a snapshot
/// holds), else its first annotation. Items with several disagreeing annotations and no agreed answer should be
/// adjudicated before they are used for testing; the evaluation counts them so the user can see it.
/// </summary>
public static class ItemTruth
{
    public static IReadOnlyList<Region>? Of(ExportItem item) => item.Annotations.Count == 0 ? null : item.Annotations[0].Result;

    public static bool IsAmbiguous(ExportItem item) => item.Annotations.Count > 1;
}
