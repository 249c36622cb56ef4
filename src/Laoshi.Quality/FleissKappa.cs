using Laoshi.Core.Errors;

namespace Laoshi.Quality;

/// <summary>
/// Fleiss' kappa (Fleiss 1971), as statsmodels' fleiss_kappa(method='fleiss'): every item must carry the same
/// number of ratings. NaN when chance agreement is 1 (everyone used one label).
/// </summary>
public static class FleissKappa
{
    public static double Compute(RatingTable table)
    {
        if (table.ItemCount == 0) throw new BadInputException("Fleiss' kappa needs at least one labelled item", field: "item");
        var starts = table.ItemStarts;
        var n = table.RatingsOf(0);
        for (var item = 1; item < table.ItemCount; item++)
        {
            var m = table.RatingsOf(item);
            if (m != n)
                throw new BadInputException(
                    $"Fleiss' kappa needs the same number of labels on every item: item '{table.Items[item]}' has {m}, " +
                    $"but item '{table.Items[0]}' (the first) has {n}; use krippendorff, which allows missing labels", field: "item");
        }
        if (n < 2) throw new BadInputException($"Fleiss' kappa needs at least two labels per item; items have {n}", field: "item");

        var labels = table.RatingLabels;
        var counts = new int[table.LabelCount];
        var totals = new long[table.LabelCount];
        double agreementSum = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            long squares = 0;
            for (var r = starts[item]; r < starts[item + 1]; r++) counts[labels[r]]++;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var c = counts[labels[r]];
                if (c == 0) continue;
                squares += (long)c * c;
                totals[labels[r]] += c;
                counts[labels[r]] = 0;
            }
            agreementSum += (double)(squares - n) / ((double)n * (n - 1));
        }
        var observed = agreementSum / table.ItemCount;
        double chance = 0, all = (double)table.ItemCount * n;
        foreach (var t in totals) chance += t / all * (t / all);
        return chance == 1 ? double.NaN : (observed - chance) / (1 - chance);
    }
}
