using Laoshi.Core.Gold;
using Laoshi.Core.Regions;

namespace Laoshi.Server.Evaluation;

/// <summary>One item's own figure for region tasks (boxes, spans): the F1 of its regions matched one to one.</summary>
public static class ItemScore
{
    /// <summary>Matches as the gold grader does (boxes at IoU ≥ 0.5 with the same label; spans exactly).</summary>
    public static (double F1, bool Correct) Regions(IReadOnlyList<Region> truth, IReadOnlyList<Region> predicted)
    {
        var grade = GoldGrader.Grade(truth, predicted);
        var predictedUnits = grade.Matched + grade.Extra;
        var f1 = grade.GoldUnits + predictedUnits == 0 ? 1 : 2.0 * grade.Matched / (grade.GoldUnits + predictedUnits);
        return (f1, grade.Correct);
    }
}
