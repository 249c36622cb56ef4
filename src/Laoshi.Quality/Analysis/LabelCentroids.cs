namespace Laoshi.Quality.Analysis;

/// <summary>
/// The centre of each label in a <see cref="HashedTfIdf"/> space: the mean of its documents' unit vectors, kept as one
/// dense sum per label (memory: labels × dimensions, never items). <see cref="Similarity"/> is the cosine between a
/// document and the centre, which ranks a label's typical (nearest) and borderline (farthest) examples.
/// </summary>
public sealed class LabelCentroids(int dimensions)
{
    private readonly Dictionary<string, (double[] Sum, long Count)> sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> norms = new(StringComparer.Ordinal);

    public void Add(string label, SparseVector vector)
    {
        if (vector.IsEmpty) return;
        if (!sums.TryGetValue(label, out var entry)) entry = (new double[dimensions], 0);
        for (var i = 0; i < vector.Indices.Count; i++) entry.Sum[vector.Indices[i]] += vector.Values[i];
        sums[label] = (entry.Sum, entry.Count + 1);
        norms.Remove(label);
    }

    public long Documents(string label) => sums.TryGetValue(label, out var entry) ? entry.Count : 0;

    /// <summary>Cosine similarity of a unit vector to the label's centre; null when the label has no documents.</summary>
    public double? Similarity(string label, SparseVector vector)
    {
        if (!sums.TryGetValue(label, out var entry) || entry.Count == 0) return null;
        if (!norms.TryGetValue(label, out var norm))
        {
            norm = Math.Sqrt(entry.Sum.Sum(v => v * v));
            norms[label] = norm;
        }
        return norm == 0 ? 0 : vector.Dot(entry.Sum) / norm;
    }
}
