using Laoshi.Core.Errors;

namespace Laoshi.Quality;

/// <summary>One entry point for every agreement metric, and the per-label and per-pair breakdowns.</summary>
public static class Agreement
{
    public static double Compute(RatingTable table, AgreementMetric metric, MeasurementLevel level = MeasurementLevel.Nominal,
        CohenWeights weights = CohenWeights.None) => metric switch
    {
        AgreementMetric.Cohen => CohenKappa.Compute(table, weights),
        AgreementMetric.Fleiss => FleissKappa.Compute(table),
        AgreementMetric.Krippendorff => KrippendorffAlpha.Compute(table, level),
        AgreementMetric.Percent => PercentAgreement.Compute(table),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>
    /// The overall figure, per label (one-vs-rest, nominal) and per annotator pair (on the items both labelled).
    /// Cohen's overall figure needs exactly two annotators; with more, it is null and the pairs carry the figures.
    /// </summary>
    public static AgreementReport Report(RatingTable table, AgreementMetric metric, MeasurementLevel level = MeasurementLevel.Nominal,
        bool perLabel = true, bool pairs = true)
    {
        var annotators = CohenKappa.UsedAnnotators(table).Count;
        double? value = metric == AgreementMetric.Cohen && annotators != 2 && pairs ? null : OrNull(Compute(table, metric, level));
        var labels = new List<LabelAgreement>();
        if (perLabel && !(metric == AgreementMetric.Cohen && annotators != 2))
        {
            for (var label = 0; label < table.LabelCount; label++)
                labels.Add(new LabelAgreement(table.Labels[label], OrNull(Compute(table.OneVersusRest(label), metric))));
        }
        return new AgreementReport(AgreementMetrics.Name(metric), AgreementMetrics.Name(level), value, table.ItemCount, annotators,
            table.RatingCount, labels, pairs ? Pairs(table, metric, level) : []);
    }

    public static IReadOnlyList<PairAgreement> Pairs(RatingTable table, AgreementMetric metric, MeasurementLevel level = MeasurementLevel.Nominal)
    {
        // Gather, for every pair of annotators that share an item, their two labels on each shared item.
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        var shared = new Dictionary<long, (List<int> First, List<int> Second)>();
        for (var item = 0; item < table.ItemCount; item++)
        for (var i = starts[item]; i < starts[item + 1]; i++)
        for (var j = i + 1; j < starts[item + 1]; j++)
        {
            // Ratings are sorted by annotator within an item, so annotators[i] < annotators[j].
            var key = (long)annotators[i] * table.AnnotatorCount + annotators[j];
            if (!shared.TryGetValue(key, out var lists)) shared[key] = lists = ([], []);
            lists.First.Add(labels[i]);
            lists.Second.Add(labels[j]);
        }
        var result = new List<PairAgreement>(shared.Count);
        foreach (var key in shared.Keys.Order())
        {
            var (first, second) = ((int)(key / table.AnnotatorCount), (int)(key % table.AnnotatorCount));
            var (a, b) = shared[key];
            var pairTable = TwoColumns(table, first, second, a, b);
            double value;
            try
            {
                value = Compute(pairTable, metric, level);
            }
            catch (BadInputException)
            {
                value = double.NaN;
            }
            result.Add(new PairAgreement(table.Annotators[first], table.Annotators[second], a.Count, OrNull(value)));
        }
        return result;
    }

    private static RatingTable TwoColumns(RatingTable table, int first, int second, List<int> a, List<int> b)
    {
        var starts = new int[a.Count + 1];
        var annotators = new int[a.Count * 2];
        var labels = new int[a.Count * 2];
        for (var i = 0; i < a.Count; i++)
        {
            starts[i + 1] = 2 * i + 2;
            (annotators[2 * i], annotators[2 * i + 1]) = (first, second);
            (labels[2 * i], labels[2 * i + 1]) = (a[i], b[i]);
        }
        var items = new string[a.Count];
        for (var i = 0; i < items.Length; i++) items[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RatingTable(items, [.. table.Annotators], [.. table.Labels], table.LabelValues.ToArray(), starts, annotators, labels);
    }

    private static double? OrNull(double value) => double.IsFinite(value) ? value : null;
}
