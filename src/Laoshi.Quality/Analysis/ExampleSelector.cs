namespace Laoshi.Quality.Analysis;

/// <summary>One example of a label: the item, a short text, and its cosine similarity to the label's centre.</summary>
public sealed record LabelExample(long Item, string Text, double Similarity);

/// <summary>A label's typical examples (nearest its centre first) and borderline ones (farthest first).</summary>
public sealed record LabelExamples(IReadOnlyList<LabelExample> Typical, IReadOnlyList<LabelExample> Borderline);

/// <summary>
/// Keeps, per label, the few examples nearest to and farthest from the label's centre while streaming, in two small
/// heaps (memory: labels × count). Ties go to the lower item id, so the choice does not depend on stream order.
/// </summary>
public sealed class ExampleSelector(int perLabel = 3)
{
    private readonly Dictionary<string, (PriorityQueue<LabelExample, (double, long)> Near, PriorityQueue<LabelExample, (double, long)> Far)> heaps =
        new(StringComparer.Ordinal);

    public void Offer(string label, LabelExample example)
    {
        if (!heaps.TryGetValue(label, out var pair))
            heaps[label] = pair = (new PriorityQueue<LabelExample, (double, long)>(), new PriorityQueue<LabelExample, (double, long)>());
        // The heap's top is the example to drop first: for "near" the least similar (then the highest id), for "far" the most.
        Keep(pair.Near, example, (example.Similarity, -example.Item));
        Keep(pair.Far, example, (-example.Similarity, -example.Item));
    }

    private void Keep(PriorityQueue<LabelExample, (double, long)> heap, LabelExample example, (double, long) priority)
    {
        if (heap.Count < perLabel) heap.Enqueue(example, priority);
        else if (heap.TryPeek(out _, out var worst) && priority.CompareTo(worst) > 0) heap.EnqueueDequeue(example, priority);
    }

    /// <summary>Per label; a borderline list never repeats a typical example (a small label would otherwise show it twice).</summary>
    public IReadOnlyDictionary<string, LabelExamples> Summarize() => heaps.ToDictionary(p => p.Key, p =>
    {
        var typical = Ordered(p.Value.Near).OrderByDescending(e => e.Similarity).ThenBy(e => e.Item).ToList();
        var borderline = Ordered(p.Value.Far).Where(e => typical.All(t => t.Item != e.Item || t.Text != e.Text))
            .OrderBy(e => e.Similarity).ThenBy(e => e.Item).ToList();
        return new LabelExamples(typical, borderline);
    }, StringComparer.Ordinal);

    private static IEnumerable<LabelExample> Ordered(PriorityQueue<LabelExample, (double, long)> heap) => heap.UnorderedItems.Select(x => x.Element);
}
