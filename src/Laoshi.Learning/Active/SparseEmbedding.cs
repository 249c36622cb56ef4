namespace Laoshi.Learning.Active;

/// <summary>
/// A unit-length copy of an embedding holding only its non-zero entries: n-gram vectors are wide and mostly zeros, so a
/// pool of them stays small in memory, and k-center greedy's many distances walk only what is there.
/// For unit vectors |a − b|² = 2 − 2 a·b.
/// </summary>
public sealed class SparseEmbedding
{
    private readonly int[] _indices;
    private readonly float[] _values;

    private SparseEmbedding(int[] indices, float[] values)
    {
        _indices = indices;
        _values = values;
    }

    public static SparseEmbedding From(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        var norm = 0.0;
        var count = 0;
        foreach (var x in embedding)
        {
            if (x == 0 || !float.IsFinite(x)) continue;
            norm += (double)x * x;
            count++;
        }
        var indices = new int[count];
        var values = new float[count];
        var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
        var at = 0;
        for (var i = 0; i < embedding.Length; i++)
        {
            if (embedding[i] == 0 || !float.IsFinite(embedding[i])) continue;
            indices[at] = i;
            values[at++] = (float)(embedding[i] * scale);
        }
        return new SparseEmbedding(indices, values);
    }

    public bool IsZero => _indices.Length == 0;

    /// <summary>Squared distance between two unit vectors (a zero vector counts as the origin).</summary>
    public double SquaredDistance(SparseEmbedding other)
    {
        var self = IsZero ? 0 : 1;
        var that = other.IsZero ? 0 : 1;
        return Math.Max(0, self + that - 2 * Dot(other));
    }

    private double Dot(SparseEmbedding other)
    {
        double sum = 0;
        int i = 0, j = 0;
        var a = _indices;
        var b = other._indices;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) sum += (double)_values[i++] * other._values[j++];
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return sum;
    }
}
