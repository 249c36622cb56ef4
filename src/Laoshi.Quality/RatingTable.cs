namespace Laoshi.Quality;

/// <summary>
/// Labels given by annotators to items, interned to ints once and laid out for fast passes:
/// the ratings of item i are positions [ItemStarts[i], ItemStarts[i + 1]) of <see cref="RatingAnnotators"/> and
/// <see cref="RatingLabels"/>, sorted by annotator within the item. Each annotator labels an item at most once.
/// Label ids follow the labels' sort order: numeric order when every label is a number, else ordinal string order.
/// Items keep the order in which they first appeared.
/// </summary>
public sealed class RatingTable
{
    private readonly int[] _itemStarts;
    private readonly int[] _annotators;
    private readonly int[] _labels;
    private readonly double[] _labelValues;

    internal RatingTable(string[] items, string[] annotators, string[] labels, double[] labelValues,
        int[] itemStarts, int[] ratingAnnotators, int[] ratingLabels)
    {
        Items = items;
        Annotators = annotators;
        Labels = labels;
        _labelValues = labelValues;
        _itemStarts = itemStarts;
        _annotators = ratingAnnotators;
        _labels = ratingLabels;
    }

    public IReadOnlyList<string> Items { get; }
    public IReadOnlyList<string> Annotators { get; }
    public IReadOnlyList<string> Labels { get; }

    public int ItemCount => Items.Count;
    public int AnnotatorCount => Annotators.Count;
    public int LabelCount => Labels.Count;
    public int RatingCount => _labels.Length;

    /// <summary>ItemCount + 1 offsets into the rating arrays.</summary>
    public ReadOnlySpan<int> ItemStarts => _itemStarts;
    public ReadOnlySpan<int> RatingAnnotators => _annotators;
    public ReadOnlySpan<int> RatingLabels => _labels;
    /// <summary>Each label's numeric value, NaN where the label is not a number.</summary>
    public ReadOnlySpan<double> LabelValues => _labelValues;

    /// <summary>Whether every label is a number (needed by ordinal, interval and ratio distances).</summary>
    public bool AllLabelsNumeric => !_labelValues.Any(double.IsNaN);

    public int RatingsOf(int item) => _itemStarts[item + 1] - _itemStarts[item];

    /// <summary>The same ratings, keeping only items that both annotators labelled and only those two annotators.</summary>
    public RatingTable Pair(int first, int second) => Where((item, annotator) => annotator == first || annotator == second, minimumPerItem: 2);

    /// <summary>A table of the ratings that pass, dropping items left with fewer than minimumPerItem ratings. Names are kept.</summary>
    public RatingTable Where(Func<int, int, bool> keep, int minimumPerItem = 1)
    {
        var starts = new List<int> { 0 };
        var keptItems = new List<string>();
        var annotators = new List<int>();
        var labels = new List<int>();
        for (var item = 0; item < ItemCount; item++)
        {
            var before = labels.Count;
            for (var r = _itemStarts[item]; r < _itemStarts[item + 1]; r++)
            {
                if (!keep(item, _annotators[r])) continue;
                annotators.Add(_annotators[r]);
                labels.Add(_labels[r]);
            }
            if (labels.Count - before < minimumPerItem)
            {
                annotators.RemoveRange(before, annotators.Count - before);
                labels.RemoveRange(before, labels.Count - before);
                continue;
            }
            keptItems.Add(Items[item]);
            starts.Add(labels.Count);
        }
        return new RatingTable([.. keptItems], [.. Annotators], [.. Labels], _labelValues, [.. starts], [.. annotators], [.. labels]);
    }

    /// <summary>The same ratings with every label replaced: label L becomes "yes" and all others "no" (one-vs-rest).</summary>
    public RatingTable OneVersusRest(int label)
    {
        var recoded = new int[_labels.Length];
        // Ids follow sort order: "no" (0) before "yes" (1).
        for (var r = 0; r < recoded.Length; r++) recoded[r] = _labels[r] == label ? 1 : 0;
        return new RatingTable([.. Items], [.. Annotators], ["no", "yes"], [double.NaN, double.NaN], _itemStarts, _annotators, recoded);
    }
}
