using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Quality;

/// <summary>
/// Reads a project's answers as ratings: one label per item per person for one classification control (choices or
/// rating). Several chosen choices make one label, their values sorted and joined by " + ". An answer without a
/// region of the control, or by nobody, is not a rating.
/// </summary>
public static class AnswerLabels
{
    /// <summary>The classification controls of a schema: those whose answer is one label per item.</summary>
    public static IReadOnlyList<SchemaControl> ClassificationControls(ProjectSchema schema) =>
        schema.Controls.Where(c => c.Type is ControlTypes.Choices or ControlTypes.Rating && !c.PerRegion).ToList();

    /// <summary>The label of one answer for the control, or null if the answer says nothing for it.</summary>
    public static string? LabelOf(IReadOnlyList<Region> result, string control)
    {
        foreach (var region in result)
        {
            if (region.FromName != control) continue;
            if (region.Type == RegionTypes.Rating && region.Rating is { } rating) return RatingTableBuilder.LabelText(rating);
            if (region.Type == RegionTypes.Choices && region.Labels.Count > 0)
                return region.Labels.Count == 1 ? region.Labels[0] : string.Join(" + ", region.Labels.Order(StringComparer.Ordinal));
        }
        return null;
    }

    /// <summary>Adds an item's current answers; a person's second answer on the same item is ignored (the first counts).</summary>
    public static void Add(RatingTableBuilder builder, ExportItem item, string control, HashSet<string>? seen = null)
    {
        seen ??= [];
        seen.Clear();
        var key = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var answer in item.Annotations)
        {
            if (answer.CreatedBy is not { Length: > 0 } person || LabelOf(answer.Result, control) is not { } label) continue;
            if (seen.Add(person)) builder.Add(key, person, label);
        }
    }
}
