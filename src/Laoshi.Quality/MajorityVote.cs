namespace Laoshi.Quality;

/// <summary>
/// The label most annotators gave each item; confidence is its share of the item's labels. Ties go to the label that
/// comes first in the table's label order (numeric order when all labels are numbers, else ordinal string order),
/// so the result never depends on input order.
/// </summary>
public static class MajorityVote
{
    public static ConsensusResult Compute(RatingTable table)
    {
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var counts = new int[table.LabelCount];
        var winners = new int[table.ItemCount];
        var confidence = new double[table.ItemCount];
        for (var item = 0; item < table.ItemCount; item++)
        {
            int best = -1, bestCount = 0;
            for (var r = starts[item]; r < starts[item + 1]; r++) counts[labels[r]]++;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var (label, count) = (labels[r], counts[labels[r]]);
                if (count > bestCount || (count == bestCount && label < best)) (best, bestCount) = (label, count);
            }
            for (var r = starts[item]; r < starts[item + 1]; r++) counts[labels[r]] = 0;
            winners[item] = best;
            confidence[item] = (double)bestCount / (starts[item + 1] - starts[item]);
        }
        return new ConsensusResult(table, winners, confidence);
    }
}
