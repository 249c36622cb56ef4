namespace Laoshi.Learning.Thresholds;

/// <summary>
/// Precision and recall of a classifier's answers per class at each confidence threshold, counted in one pass with
/// flat memory (counts per class and threshold), so a test snapshot of any size can be measured. An answer of class
/// c with score s counts as kept at threshold t when s ≥ t; it is right when the item's truth holds c.
/// </summary>
public sealed class ThresholdAccumulator
{
    private readonly IReadOnlyList<string> _labels;
    private readonly double[] _grid;
    private readonly Dictionary<string, int> _index;
    private readonly long[,] _kept;
    private readonly long[,] _right;
    private readonly long[] _support;

    /// <param name="grid">Thresholds to report; null: 0, 0.05, …, 0.95 and the current thresholds.</param>
    public ThresholdAccumulator(IReadOnlyList<string> labels, IReadOnlyDictionary<string, double> current, IReadOnlyList<double>? grid = null)
    {
        _labels = labels;
        Current = current;
        _grid = [.. (grid ?? Enumerable.Range(0, 20).Select(i => i / 20.0).ToList()).Concat(current.Values).Distinct().Order()];
        _index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        _kept = new long[labels.Count, _grid.Length];
        _right = new long[labels.Count, _grid.Length];
        _support = new long[labels.Count];
    }

    public IReadOnlyDictionary<string, double> Current { get; }

    /// <param name="truth">The labels the item's agreed answer holds for the control.</param>
    /// <param name="predicted">The model's label, or null when it said nothing.</param>
    public void Add(IReadOnlyCollection<string> truth, string? predicted, double? score)
    {
        foreach (var label in truth)
            if (_index.TryGetValue(label, out var t)) _support[t]++;
        if (predicted is null || !_index.TryGetValue(predicted, out var c)) return;
        var s = score ?? 1.0;
        var right = truth.Contains(predicted);
        for (var g = 0; g < _grid.Length && _grid[g] <= s; g++)
        {
            _kept[c, g]++;
            if (right) _right[c, g]++;
        }
    }

    public IReadOnlyList<ClassThresholds> Build() => [.. _labels.Select((label, c) =>
    {
        var points = _grid.Select((t, g) => new ThresholdPoint(t,
            _kept[c, g] == 0 ? null : (double)_right[c, g] / _kept[c, g],
            _support[c] == 0 ? 0 : (double)_right[c, g] / _support[c],
            _kept[c, g])).ToList();
        double? current = Current.TryGetValue(label, out var v) ? v : null;
        return new ClassThresholds(label, _support[c], current, current is null ? null : points.First(p => p.Threshold == current), points);
    })];
}
