namespace Laoshi.Server.Evaluation;

/// <summary>
/// Gathers which items fall in each slice while the test set streams by. A dimension with more than
/// <see cref="MaxValues"/> values (an id, a free-text field) is not a way to slice data and is dropped.
/// </summary>
public sealed class SliceCollector
{
    public const int MaxValues = 30;
    private readonly Dictionary<string, Dictionary<string, HashSet<long>>> _dimensions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

    public void Add(long itemId, IEnumerable<(string Dimension, string Value)> slices)
    {
        foreach (var (dimension, value) in slices)
        {
            if (_dropped.Contains(dimension)) continue;
            if (!_dimensions.TryGetValue(dimension, out var values)) _dimensions[dimension] = values = new(StringComparer.Ordinal);
            if (!values.TryGetValue(value, out var items))
            {
                if (values.Count == MaxValues)
                {
                    _dimensions.Remove(dimension);
                    _dropped.Add(dimension);
                    continue;
                }
                values[value] = items = [];
            }
            items.Add(itemId);
        }
    }

    /// <summary>Every kept slice; a dimension where every item has the same value says nothing and is left out.</summary>
    public IEnumerable<(string Dimension, string Value, IReadOnlySet<long> Items)> Slices() =>
        _dimensions.Where(d => d.Value.Count > 1 || d.Key == "tag")
            .SelectMany(d => d.Value.Select(v => (d.Key, v.Key, (IReadOnlySet<long>)v.Value)));
}
