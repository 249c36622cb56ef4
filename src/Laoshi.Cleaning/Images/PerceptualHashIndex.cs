using System.Numerics;
using Laoshi.Core.Errors;

namespace Laoshi.Cleaning;

/// <summary>
/// Clusters images whose <see cref="PerceptualHash"/> values lie within a Hamming distance, without comparing every
/// pair: the 64 bits are cut into four 16-bit blocks, and two hashes within distance d agree within d / 4 bits on at
/// least one block (pigeonhole), so each image only looks up the block values near its own (multi-index hashing).
/// Every candidate is then checked on all 64 bits, so the clusters are exactly those of a full comparison. Cheap up
/// to distance ~12 (the useful range: ≤ 10 is usually the same picture); slower above. Not thread-safe.
/// </summary>
public sealed class PerceptualHashIndex
{
    private const int Blocks = 4, BlockBits = 16;
    private readonly List<string> _ids = [];
    private readonly List<ulong> _hashes = [];

    public int Count => _ids.Count;

    public void Add(string id, ulong hash)
    {
        ArgumentNullException.ThrowIfNull(id);
        _ids.Add(id);
        _hashes.Add(hash);
    }

    /// <summary>
    /// Groups of images linked by pairs at most <paramref name="maxDistance"/> bits apart (0–32). Similarity is
    /// 1 − (largest linking distance) / 64. Largest clusters first, then by the first image's position.
    /// </summary>
    public IReadOnlyList<NearDuplicateCluster> Clusters(int maxDistance, CancellationToken ct = default)
    {
        if (maxDistance is < 0 or > 32)
            throw new BadInputException($"the perceptual-hash distance must be 0 to 32 bits, not {maxDistance}", field: "max_distance");
        var count = _hashes.Count;
        var links = new LinkedSets(count);
        var probes = Probes(maxDistance / Blocks);
        for (var block = 0; block < Blocks; block++)
        {
            ct.ThrowIfCancellationRequested();
            var shift = block * BlockBits;
            // Counting sort of the images by this block's value: start[v] .. start[v + 1] are those with value v.
            var start = new int[(1 << BlockBits) + 1];
            foreach (var hash in _hashes) start[BlockOf(hash, shift) + 1]++;
            for (var v = 0; v < 1 << BlockBits; v++) start[v + 1] += start[v];
            var next = start[..^1];
            var byValue = new int[count];
            for (var i = 0; i < count; i++) byValue[next[BlockOf(_hashes[i], shift)]++] = i;
            for (var i = 0; i < count; i++)
            {
                var hash = _hashes[i];
                var value = BlockOf(hash, shift);
                foreach (var probe in probes)
                {
                    var neighbour = value ^ probe;
                    for (var at = start[neighbour]; at < start[neighbour + 1]; at++)
                    {
                        var j = byValue[at];
                        if (j <= i) continue;
                        var distance = BitOperations.PopCount(hash ^ _hashes[j]);
                        if (distance <= maxDistance && links.Find(i) != links.Find(j)) links.Link(i, j, 1 - distance / 64.0);
                    }
                }
            }
        }
        return Gather(links);
    }

    private static int BlockOf(ulong hash, int shift) => (int)((hash >> shift) & 0xFFFF);

    // Every 16-bit mask with at most `radius` bits set.
    private static int[] Probes(int radius) =>
        Enumerable.Range(0, 1 << BlockBits).Where(mask => BitOperations.PopCount((uint)mask) <= radius).ToArray();

    private List<NearDuplicateCluster> Gather(LinkedSets links)
    {
        var members = new Dictionary<int, List<string>>();
        var order = new List<int>();
        for (var i = 0; i < _ids.Count; i++)
        {
            var root = links.Find(i);
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = [];
                order.Add(root);
            }
            list.Add(_ids[i]);
        }
        return order.Where(root => members[root].Count > 1)
            .Select((root, position) => (Cluster: new NearDuplicateCluster(members[root], links.Weakest(root)), Position: position))
            .OrderByDescending(c => c.Cluster.Items.Count).ThenBy(c => c.Position)
            .Select(c => c.Cluster)
            .ToList();
    }
}
