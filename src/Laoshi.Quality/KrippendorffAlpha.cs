using Laoshi.Core.Errors;

namespace Laoshi.Quality;

/// <summary>
/// Krippendorff's alpha = 1 − D_o / D_e over the pairable values: items with fewer than two values are dropped, as
/// Krippendorff prescribes, so missing values are allowed. Distances (squared, δ²): nominal 0/1; ordinal from the
/// marginal frequencies of the values between the two (labels ordered by number); interval (c − k)²; ratio
/// ((c − k)/(c + k))². Computed as NLTK's AnnotationTask.alpha computes it. NaN when D_e is 0 (no variation at all).
/// </summary>
public static class KrippendorffAlpha
{
    public static double Compute(RatingTable table, MeasurementLevel level = MeasurementLevel.Nominal)
    {
        if (level != MeasurementLevel.Nominal && !table.AllLabelsNumeric)
        {
            var first = table.Labels[table.LabelValues.IndexOf(double.NaN) is var i and >= 0 ? i : 0];
            throw new BadInputException($"{level.ToString().ToLowerInvariant()} alpha needs numeric labels; '{first}' is not a number", field: "label");
        }
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var marginals = new long[table.LabelCount];
        long n = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            if (starts[item + 1] - starts[item] < 2) continue;
            for (var r = starts[item]; r < starts[item + 1]; r++) marginals[labels[r]]++;
            n += starts[item + 1] - starts[item];
        }
        if (n == 0) throw new BadInputException("Krippendorff's alpha needs at least one item with two or more labels", field: "item");

        var (observed, expected) = level switch
        {
            MeasurementLevel.Nominal => Nominal(table, marginals, n),
            MeasurementLevel.Interval => Interval(table, marginals, n),
            _ => General(table, marginals, Distances(table, marginals, level)),
        };
        // D_o = observed / n and D_e = expected / (n (n − 1)).
        return expected == 0 ? double.NaN : 1 - observed * (n - 1) / expected;
    }

    /// <summary>Σ over items of (Σ_{c≠k} n_uc n_uk) / (m_u − 1), and Σ_{c≠k} n_c n_k.</summary>
    private static (double, double) Nominal(RatingTable table, long[] marginals, long n)
    {
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var counts = new int[table.LabelCount];
        double observed = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            long m = starts[item + 1] - starts[item];
            if (m < 2) continue;
            for (var r = starts[item]; r < starts[item + 1]; r++) counts[labels[r]]++;
            var squares = 0L;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var c = counts[labels[r]];
                squares += (long)c * c;
                counts[labels[r]] = 0;
            }
            observed += (double)(m * m - squares) / (m - 1);
        }
        double expected = (double)n * n;
        foreach (var c in marginals) expected -= (double)c * c;
        return (observed, expected);
    }

    /// <summary>Σ_{i,j} (v_i − v_j)² = 2 m Σ (v_i − mean)²: one pass per item, no cancellation.</summary>
    private static (double, double) Interval(RatingTable table, long[] marginals, long n)
    {
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var values = table.LabelValues;
        double observed = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            var m = starts[item + 1] - starts[item];
            if (m < 2) continue;
            double sum = 0;
            for (var r = starts[item]; r < starts[item + 1]; r++) sum += values[labels[r]];
            var mean = sum / m;
            double spread = 0;
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var d = values[labels[r]] - mean;
                spread += d * d;
            }
            observed += 2.0 * m * spread / (m - 1);
        }
        double total = 0;
        for (var c = 0; c < marginals.Length; c++) total += marginals[c] * values[c];
        var overall = total / n;
        double expected = 0;
        for (var c = 0; c < marginals.Length; c++)
        {
            var d = values[c] - overall;
            expected += marginals[c] * d * d;
        }
        return (observed, 2.0 * n * expected);
    }

    /// <summary>δ² for every pair of labels (label ids are in numeric order).</summary>
    private static double[] Distances(RatingTable table, long[] marginals, MeasurementLevel level)
    {
        var k = table.LabelCount;
        var values = table.LabelValues;
        var delta = new double[k * k];
        var cumulative = new double[k + 1];
        for (var c = 0; c < k; c++) cumulative[c + 1] = cumulative[c] + marginals[c];
        for (var c = 0; c < k; c++)
        for (var l = 0; l < k; l++)
        {
            if (c == l) continue;
            double d;
            if (level == MeasurementLevel.Ordinal)
            {
                var (low, high) = c < l ? (c, l) : (l, c);
                d = cumulative[high + 1] - cumulative[low] - (marginals[c] + marginals[l]) / 2.0;
            }
            else
            {
                var sum = values[c] + values[l];
                d = sum == 0 ? 0 : (values[c] - values[l]) / sum;
            }
            delta[c * k + l] = d * d;
        }
        return delta;
    }

    private static (double, double) General(RatingTable table, long[] marginals, double[] delta)
    {
        var k = table.LabelCount;
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        var counts = new int[k];
        var distinct = new List<int>();
        double observed = 0;
        for (var item = 0; item < table.ItemCount; item++)
        {
            var m = starts[item + 1] - starts[item];
            if (m < 2) continue;
            distinct.Clear();
            for (var r = starts[item]; r < starts[item + 1]; r++)
                if (counts[labels[r]]++ == 0) distinct.Add(labels[r]);
            double pairs = 0;
            foreach (var c in distinct)
            foreach (var l in distinct)
                pairs += (double)counts[c] * counts[l] * delta[c * k + l];
            foreach (var c in distinct) counts[c] = 0;
            observed += pairs / (m - 1);
        }
        double expected = 0;
        for (var c = 0; c < k; c++)
        {
            if (marginals[c] == 0) continue;
            for (var l = 0; l < k; l++) expected += (double)marginals[c] * marginals[l] * delta[c * k + l];
        }
        return (observed, expected);
    }
}
