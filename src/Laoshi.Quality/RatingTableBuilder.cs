using System.Globalization;

namespace Laoshi.Quality;

/// <summary>Collects (item, annotator, label) ratings, interning the strings once, and builds a <see cref="RatingTable"/>.</summary>
public sealed class RatingTableBuilder
{
    private readonly Dictionary<string, int> _itemIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _annotatorIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _labelIds = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];
    private readonly List<string> _annotators = [];
    private readonly List<string> _labels = [];
    private readonly List<int> _ratingItems = [];
    private readonly List<int> _ratingAnnotators = [];
    private readonly List<int> _ratingLabels = [];

    public int Count => _ratingItems.Count;

    public void Add(string item, string annotator, string label)
    {
        _ratingItems.Add(Intern(_itemIds, _items, item));
        _ratingAnnotators.Add(Intern(_annotatorIds, _annotators, annotator));
        _ratingLabels.Add(Intern(_labelIds, _labels, label));
    }

    /// <summary>A numeric label; it is the same label as its shortest round-trip text ("3" and 3.0 are one label).</summary>
    public void Add(string item, string annotator, double label) => Add(item, annotator, LabelText(label));

    public static string LabelText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int Intern(Dictionary<string, int> ids, List<string> names, string name)
    {
        if (ids.TryGetValue(name, out var id)) return id;
        id = names.Count;
        ids.Add(name, id);
        names.Add(name);
        return id;
    }

    /// <exception cref="DuplicateRatingException">An annotator labelled an item twice.</exception>
    public RatingTable Build()
    {
        var count = _ratingItems.Count;
        // Labels sorted so that ids follow sort order (what ordinal distances and sklearn's label order need).
        var values = _labels.Select(ParseNumber).ToArray();
        var numeric = !values.Any(double.IsNaN);
        var order = Enumerable.Range(0, _labels.Count).ToArray();
        if (numeric) Array.Sort(order, (a, b) => values[a].CompareTo(values[b]) is var c && c != 0 ? c : string.CompareOrdinal(_labels[a], _labels[b]));
        else Array.Sort(order, (a, b) => string.CompareOrdinal(_labels[a], _labels[b]));
        var newId = new int[order.Length];
        for (var i = 0; i < order.Length; i++) newId[order[i]] = i;

        // Counting sort by item: stable, O(n).
        var starts = new int[_items.Count + 1];
        foreach (var item in _ratingItems) starts[item + 1]++;
        for (var i = 0; i < _items.Count; i++) starts[i + 1] += starts[i];
        var next = starts[..^1];
        var position = new int[count];
        var annotators = new int[count];
        var labels = new int[count];
        for (var r = 0; r < count; r++)
        {
            var at = next[_ratingItems[r]]++;
            position[at] = r;
            annotators[at] = _ratingAnnotators[r];
            labels[at] = newId[_ratingLabels[r]];
        }
        // Items hold few ratings each: insertion sort by annotator, then duplicates are neighbours.
        for (var item = 0; item < _items.Count; item++)
        {
            for (var i = starts[item] + 1; i < starts[item + 1]; i++)
            {
                var (a, l, p) = (annotators[i], labels[i], position[i]);
                var j = i - 1;
                while (j >= starts[item] && annotators[j] > a)
                {
                    (annotators[j + 1], labels[j + 1], position[j + 1]) = (annotators[j], labels[j], position[j]);
                    j--;
                }
                (annotators[j + 1], labels[j + 1], position[j + 1]) = (a, l, p);
            }
            for (var i = starts[item] + 1; i < starts[item + 1]; i++)
            {
                if (annotators[i] != annotators[i - 1]) continue;
                var (first, second) = position[i - 1] < position[i] ? (position[i - 1], position[i]) : (position[i], position[i - 1]);
                throw new DuplicateRatingException(_items[item], _annotators[annotators[i]], first, second);
            }
        }
        var sortedLabels = order.Select(i => _labels[i]).ToArray();
        var sortedValues = order.Select(i => values[i]).ToArray();
        return new RatingTable([.. _items], [.. _annotators], sortedLabels, sortedValues, starts, annotators, labels);
    }

    private static double ParseNumber(string label) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : double.NaN;
}
