using System.Numerics;
using System.Runtime.Intrinsics;
using Laoshi.Core.Errors;

namespace Laoshi.Cleaning;

/// <summary>
/// Finds near-duplicate texts among many: each text becomes its set of character shingles (after normalisation, so
/// it works for Chinese, which has no spaces, and ignores width, script and spacing differences) and a MinHash
/// signature. <see cref="Clusters"/> bands the signatures (LSH) to find candidate pairs without comparing all
/// pairs, checks each candidate's exact Jaccard similarity, and joins the pairs that reach the threshold.
/// Texts with the same shingle set are stored once. The threshold is chosen per call, so a user can move it without
/// adding the texts again. <see cref="Add"/> is not thread-safe; <see cref="AddRange"/> uses every core.
/// </summary>
public sealed class NearDuplicateIndex
{
    private const int BatchSize = 4096;
    private readonly NearDuplicateOptions _options;
    private readonly Shingler _shingler;
    private readonly MinHasher _hasher;
    private readonly List<string> _ids = [];
    private readonly List<int> _representativeOf = [];
    private readonly Dictionary<UInt128, int> _byFingerprint = [];
    private readonly ChunkedSets _sets = new();
    private readonly ChunkedSets _signatures = new();
    private uint[] _shingleBuffer = new uint[256];
    private readonly uint[] _signatureBuffer;

    public NearDuplicateIndex(NearDuplicateOptions? options = null)
    {
        _options = options ?? new NearDuplicateOptions();
        _options.Validate();
        _shingler = new Shingler(_options);
        _hasher = new MinHasher(_options.HashCount, _options.Seed);
        _signatureBuffer = new uint[_options.HashCount];
    }

    public NearDuplicateOptions Options => _options;

    /// <summary>Texts added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Distinct shingle sets stored (texts that differ only in what normalisation removes are one).</summary>
    public int DistinctCount => _sets.Count;

    /// <summary>Adds one text. An empty text (after normalisation) is kept but never a near duplicate.</summary>
    public void Add(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        var count = _shingler.Shingles(_shingler.Prepare(text), ref _shingleBuffer);
        var set = _shingleBuffer.AsSpan(0, count);
        if (count > 0) _hasher.Sign(set, _signatureBuffer);
        Store(id, set, _signatureBuffer);
    }

    /// <summary>Adds many texts, shingling and signing them on every core; the order of ids is kept.</summary>
    public void AddRange(IEnumerable<(string Id, string Text)> items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = new List<(string Id, string Text)>(BatchSize);
        foreach (var item in items)
        {
            batch.Add(item);
            if (batch.Count == BatchSize)
            {
                AddBatch(batch, ct);
                batch.Clear();
            }
        }
        AddBatch(batch, ct);
    }

    /// <summary>
    /// Groups of items whose texts are near duplicates: linked by pairs with Jaccard similarity ≥
    /// <paramref name="threshold"/> (0 &lt; threshold ≤ 1). Items with the same normalised shingle set are in one
    /// cluster with similarity 1. Largest clusters first, then by the first item's position.
    /// </summary>
    public IReadOnlyList<NearDuplicateCluster> Clusters(double threshold, CancellationToken ct = default)
    {
        if (double.IsNaN(threshold) || threshold is <= 0 or > 1)
            throw new BadInputException($"the near-duplicate threshold must be above 0 and at most 1, not {threshold}", field: "threshold");
        var links = new LinkedSets(_sets.Count);
        var bands = LshBands.For(threshold, _options.HashCount);
        var parallel = Math.Max(1, Math.Min(Environment.ProcessorCount, bands.Bands));
        for (var first = 0; first < bands.Bands; first += parallel)
        {
            var group = Enumerable.Range(first, Math.Min(parallel, bands.Bands - first)).ToArray();
            var sorted = new (ulong[] Keys, int[] Sets)[group.Length];
            Parallel.For(0, group.Length, new ParallelOptions { CancellationToken = ct }, g => sorted[g] = SortedBand(group[g], bands.Rows));
            foreach (var (keys, sets) in sorted)
            {
                ct.ThrowIfCancellationRequested();
                LinkCandidates(keys, sets, threshold, links);
            }
        }
        return Gather(links);
    }

    private void AddBatch(List<(string Id, string Text)> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var sets = new uint[batch.Count][];
        var signatures = new uint[batch.Count][];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct },
            () => new uint[256],
            (i, _, buffer) =>
            {
                var count = _shingler.Shingles(_shingler.Prepare(batch[i].Text ?? throw new ArgumentNullException(nameof(batch))), ref buffer);
                sets[i] = buffer[..count];
                var signature = new uint[_options.HashCount];
                if (count > 0) _hasher.Sign(sets[i], signature);
                signatures[i] = signature;
                return buffer;
            },
            _ => { });
        for (var i = 0; i < batch.Count; i++) Store(batch[i].Id ?? throw new ArgumentNullException(nameof(batch)), sets[i], signatures[i]);
    }

    private void Store(string id, ReadOnlySpan<uint> set, ReadOnlySpan<uint> signature)
    {
        _ids.Add(id);
        if (set.Length == 0)
        {
            _representativeOf.Add(-1);
            return;
        }
        var fingerprint = Shingler.Fingerprint(set);
        if (!_byFingerprint.TryGetValue(fingerprint, out var representative))
        {
            representative = _sets.Add(set);
            _signatures.Add(signature);
            _byFingerprint[fingerprint] = representative;
        }
        _representativeOf.Add(representative);
    }

    private (ulong[] Keys, int[] Sets) SortedBand(int band, int rows)
    {
        var count = _sets.Count;
        var keys = new ulong[count];
        var sets = new int[count];
        var offset = band * rows;
        for (var s = 0; s < count; s++)
        {
            var values = _signatures[s].Slice(offset, rows);
            var h = 0x9E3779B97F4A7C15UL * (ulong)(band + 1);
            foreach (var v in values) h = (h ^ v) * 0x100000001B3UL + 0x632BE59BD9B4E019UL;
            h ^= h >> 29;
            keys[s] = h;
            sets[s] = s;
        }
        Array.Sort(keys, sets);
        return (keys, sets);
    }

    // Each run of equal band keys is a bucket of candidates. Common shingles make some buckets large (thousands of
    // unrelated texts that share a frequent phrase), so before the exact check each pair must pass two cheap ones that
    // cannot reject a true pair: set sizes (J ≤ smaller / larger), and MinHash agreement, which estimates J; a pair
    // is dropped only when its estimate lies far below the threshold (see MinimumAgreement).
    private void LinkCandidates(ulong[] keys, int[] sets, double threshold, LinkedSets links)
    {
        var minimumAgreement = MinimumAgreement(threshold, _options.HashCount);
        var members = new List<(int Size, int Set)>();
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1)
            {
                members.Clear();
                for (var i = start; i < end; i++) members.Add((_sets[sets[i]].Length, sets[i]));
                members.Sort();
                for (var i = 0; i < members.Count; i++)
                {
                    var (sizeA, a) = members[i];
                    var signatureA = _signatures[a];
                    for (var j = i + 1; j < members.Count; j++)
                    {
                        var (sizeB, b) = members[j];
                        if (sizeA < threshold * sizeB) break;
                        if (links.Find(a) == links.Find(b)) continue;
                        if (Agreement(signatureA, _signatures[b]) < minimumAgreement) continue;
                        var similarity = Shingler.Jaccard(_sets[a], _sets[b]);
                        if (similarity >= threshold) links.Link(a, b, similarity);
                    }
                }
            }
            start = end;
        }
    }

    // The number of agreeing MinHash values is binomial(k, J); a pair at the threshold falls 4.5 standard deviations
    // below its mean about three times in a million, so pairs below that bound are not worth an exact check.
    internal static int MinimumAgreement(double threshold, int hashCount)
    {
        var deviation = Math.Sqrt(threshold * (1 - threshold) / hashCount);
        var margin = Math.Max(4.5 * deviation, 0.05);
        return (int)Math.Floor(Math.Max(0, threshold - margin) * hashCount);
    }

    private static int Agreement(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var count = 0;
        for (var i = 0; i < a.Length; i += Vector256<uint>.Count)
        {
            var equal = Vector256.Equals(Vector256.Create(a.Slice(i, Vector256<uint>.Count)), Vector256.Create(b.Slice(i, Vector256<uint>.Count)));
            count += BitOperations.PopCount(equal.ExtractMostSignificantBits());
        }
        return count;
    }

    private List<NearDuplicateCluster> Gather(LinkedSets links)
    {
        var sizes = new int[_sets.Count];
        foreach (var representative in _representativeOf)
        {
            if (representative >= 0) sizes[links.Find(representative)]++;
        }
        var members = new Dictionary<int, List<string>>();
        var order = new List<int>();
        for (var item = 0; item < _ids.Count; item++)
        {
            var representative = _representativeOf[item];
            if (representative < 0) continue;
            var root = links.Find(representative);
            if (sizes[root] < 2) continue;
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = new List<string>(sizes[root]);
                order.Add(root);
            }
            list.Add(_ids[item]);
        }
        return order
            .Select((root, position) => (Cluster: new NearDuplicateCluster(members[root], links.Weakest(root)), Position: position))
            .OrderByDescending(c => c.Cluster.Items.Count).ThenBy(c => c.Position)
            .Select(c => c.Cluster)
            .ToList();
    }
}
