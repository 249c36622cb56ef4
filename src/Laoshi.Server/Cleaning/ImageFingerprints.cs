using Laoshi.Cleaning;
using SkiaSharp;

namespace Laoshi.Server.Cleaning;

/// <summary>
/// Perceptual hashes of stored images and the clusters of images whose hashes are within a Hamming distance.
/// Candidate pairs come from 8 bands of 8 bits: two 64-bit hashes that differ in at most 7 bits agree exactly on at
/// least one band (pigeonhole), so no pair within the distance is missed while most pairs are never compared.
/// </summary>
internal sealed class ImageFingerprints
{
    private const int Side = 32;
    private readonly List<(long Item, ulong Hash)> hashes = [];

    public int Count => hashes.Count;

    /// <summary>Decodes the image small and grey and keeps its hash; false when it cannot be decoded.</summary>
    public bool Add(long item, Stream image)
    {
        using var decoded = SKBitmap.Decode(image);
        if (decoded is null) return false;
        // Scaling keeps the colour type (Skia will not convert while it scales); the hash makes the grey itself.
        using var small = decoded.Resize(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        if (small is null) return false;
        hashes.Add((item, PerceptualHash.ComputeFromColor(small.GetPixelSpan(), Side, Side, 4)));
        return true;
    }

    /// <summary>Clusters (connected by pairs at or above the similarity 1 − distance/64), each with its lowest pair similarity.</summary>
    public IReadOnlyList<(IReadOnlyList<long> Items, double Similarity)> Clusters(double threshold)
    {
        var maxDistance = (int)Math.Floor((1 - threshold) * 64 + 1e-9);
        var parent = Enumerable.Range(0, hashes.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        var lowest = new Dictionary<int, double>();
        var bands = Math.Min(8, maxDistance + 1);
        var bits = 64 / bands;
        for (var band = 0; band < bands; band++)
        {
            var buckets = new Dictionary<ulong, List<int>>();
            var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            for (var i = 0; i < hashes.Count; i++)
            {
                var key = (hashes[i].Hash >> (band * bits)) & mask;
                if (!buckets.TryGetValue(key, out var members)) buckets[key] = members = [];
                members.Add(i);
            }
            foreach (var members in buckets.Values)
            {
                for (var a = 0; a < members.Count; a++)
                    for (var b = a + 1; b < members.Count; b++)
                    {
                        var distance = PerceptualHash.Distance(hashes[members[a]].Hash, hashes[members[b]].Hash);
                        if (distance > maxDistance) continue;
                        var similarity = 1 - distance / 64.0;
                        int ra = Find(members[a]), rb = Find(members[b]);
                        var low = Math.Min(similarity, Math.Min(lowest.GetValueOrDefault(ra, 1), lowest.GetValueOrDefault(rb, 1)));
                        if (ra != rb) parent[ra] = rb;
                        lowest[Find(rb)] = low;
                    }
            }
        }
        return Enumerable.Range(0, hashes.Count)
            .GroupBy(Find)
            .Where(g => g.Count() > 1)
            .Select(g => ((IReadOnlyList<long>)g.Select(i => hashes[i].Item).Order().ToList(), lowest.GetValueOrDefault(g.Key, 1)))
            .OrderBy(c => c.Item1[0])
            .ToList();
    }
}
