namespace Laoshi.Quality;

/// <summary>
/// Pairwise percent agreement: for each item with at least two labels, the share of annotator pairs on it that gave
/// the same label; the figure is the mean over those items (Fleiss' P̄ when every item has the same count).
/// </summary>
public static class PercentAgreement
{
    public static double Compute(RatingTable table)
    {
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var counts = new int[table.LabelCount];
        double sum = 0;
        var items = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            var m = starts[item + 1] - starts[item];
            if (m < 2) continue;
            long agreeing = 0;
            for (var r = starts[item]; r < starts[item + 1]; r++) counts[labels[r]]++;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var c = counts[labels[r]];
                agreeing += (long)c * (c - 1);
                counts[labels[r]] = 0;
            }
            sum += (double)agreeing / ((double)m * (m - 1));
            items++;
        }
        return items == 0 ? double.NaN : sum / items;
    }
}
