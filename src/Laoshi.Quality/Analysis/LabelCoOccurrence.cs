namespace Laoshi.Quality.Analysis;

/// <summary>
/// How often labels appear on the same item: one count per pair of distinct labels an item carries (and, on the
/// diagonal, items carrying the label at all). Memory grows with the square of the number of labels, never with items.
/// </summary>
public sealed class LabelCoOccurrence
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> labels = [];
    private readonly Dictionary<(int, int), long> pairs = [];
    private readonly List<int> scratch = [];

    /// <summary>Adds one item's labels; repeats within the item count once.</summary>
    public void Add(IEnumerable<string> itemLabels)
    {
        scratch.Clear();
        foreach (var label in itemLabels)
        {
            if (!index.TryGetValue(label, out var i))
            {
                i = labels.Count;
                index[label] = i;
                labels.Add(label);
            }
            if (!scratch.Contains(i)) scratch.Add(i);
        }
        for (var a = 0; a < scratch.Count; a++)
        {
            for (var b = a; b < scratch.Count; b++)
            {
                var key = scratch[a] <= scratch[b] ? (scratch[a], scratch[b]) : (scratch[b], scratch[a]);
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>The symmetric matrix in label order (ordinal), Counts[i][j] = items carrying both label i and label j.</summary>
    public CoOccurrenceMatrix Summarize()
    {
        var order = labels.Select((label, i) => (label, i)).OrderBy(p => p.label, StringComparer.Ordinal).ToList();
        var matrix = new long[order.Count][];
        for (var r = 0; r < order.Count; r++)
        {
            matrix[r] = new long[order.Count];
            for (var c = 0; c < order.Count; c++)
            {
                var (a, b) = (order[r].i, order[c].i);
                matrix[r][c] = pairs.GetValueOrDefault(a <= b ? (a, b) : (b, a));
            }
        }
        return new CoOccurrenceMatrix(order.Select(p => p.label).ToList(), matrix);
    }
}

public sealed record CoOccurrenceMatrix(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<long>> Counts);
