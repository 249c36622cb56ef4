namespace Laoshi.Quality.Analysis;

/// <summary>
/// A TF-IDF space whose terms are hashed into a fixed number of dimensions, so that its memory does not grow with the
/// vocabulary of a million items. Document frequencies are counted first (<see cref="CountDocument"/>), then documents
/// become L2-normalised vectors with raw term counts times the smoothed IDF that scikit-learn's TfidfVectorizer uses:
/// idf = ln((1 + N) / (1 + df)) + 1.
/// </summary>
public sealed class HashedTfIdf
{
    private readonly long[] documentFrequency;

    public HashedTfIdf(int dimensions = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 2);
        Dimensions = dimensions;
        documentFrequency = new long[dimensions];
    }

    public int Dimensions { get; }
    public long Documents { get; private set; }

    /// <summary>The dimension of a term: FNV-1a over its UTF-16 code units (stable across processes, unlike string.GetHashCode).</summary>
    public int Bucket(string term)
    {
        var hash = 2166136261u;
        foreach (var c in term)
        {
            hash = (hash ^ (c & 0xFFu)) * 16777619u;
            hash = (hash ^ (uint)(c >> 8)) * 16777619u;
        }
        return (int)(hash % (uint)Dimensions);
    }

    /// <summary>Counts one document for the document frequencies (each dimension once per document).</summary>
    public void CountDocument(IReadOnlyList<string> terms)
    {
        Documents++;
        foreach (var bucket in DistinctBuckets(terms)) documentFrequency[bucket]++;
    }

    public double Idf(int bucket) => Math.Log((1.0 + Documents) / (1.0 + documentFrequency[bucket])) + 1;

    /// <summary>The document's unit vector (empty when it has no terms).</summary>
    public SparseVector Vector(IReadOnlyList<string> terms)
    {
        var counts = new Dictionary<int, double>();
        foreach (var term in terms)
        {
            var bucket = Bucket(term);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }
        var indices = counts.Keys.Order().ToArray();
        var values = new double[indices.Length];
        double norm = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = counts[indices[i]] * Idf(indices[i]);
            norm += values[i] * values[i];
        }
        norm = Math.Sqrt(norm);
        if (norm > 0) for (var i = 0; i < values.Length; i++) values[i] /= norm;
        return new SparseVector(indices, values);
    }

    private HashSet<int> DistinctBuckets(IReadOnlyList<string> terms)
    {
        var set = new HashSet<int>();
        foreach (var term in terms) set.Add(Bucket(term));
        return set;
    }
}

/// <summary>A vector with its non-zero dimensions in ascending order.</summary>
public sealed record SparseVector(IReadOnlyList<int> Indices, IReadOnlyList<double> Values)
{
    public bool IsEmpty => Indices.Count == 0;

    public double Dot(IReadOnlyList<double> dense)
    {
        double sum = 0;
        for (var i = 0; i < Indices.Count; i++) sum += Values[i] * dense[Indices[i]];
        return sum;
    }
}
