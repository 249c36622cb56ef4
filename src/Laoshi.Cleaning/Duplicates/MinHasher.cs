using System.Runtime.Intrinsics;

namespace Laoshi.Cleaning;

/// <summary>
/// MinHash signatures: for each of k hash functions (a seeded 32-bit finaliser, computed for eight functions at
/// once with 256-bit vectors), the smallest hash over the text's shingles. Two signatures agree at a position with
/// probability ≈ the sets' Jaccard similarity.
/// </summary>
internal sealed class MinHasher
{
    private readonly Vector256<uint>[] _seeds;

    public MinHasher(int hashCount, int seed)
    {
        HashCount = hashCount;
        _seeds = new Vector256<uint>[hashCount / 8];
        var random = new Random(seed);
        var lanes = new uint[8];
        for (var v = 0; v < _seeds.Length; v++)
        {
            for (var lane = 0; lane < 8; lane++) lanes[lane] = (uint)random.NextInt64(0, uint.MaxValue + 1L);
            _seeds[v] = Vector256.Create(lanes);
        }
    }

    public int HashCount { get; }

    public void Sign(ReadOnlySpan<uint> shingles, Span<uint> signature)
    {
        var c1 = Vector256.Create(0x85EBCA6Bu);
        var c2 = Vector256.Create(0xC2B2AE35u);
        // Eight functions at a time with their running minimum kept in a register across all shingles.
        for (var v = 0; v < _seeds.Length; v++)
        {
            var seed = _seeds[v];
            var minimum = Vector256<uint>.AllBitsSet;
            foreach (var shingle in shingles)
            {
                // murmur3's fmix32 of (shingle xor seed): a bijection, so distinct shingles never tie by construction.
                var h = Vector256.Create(shingle) ^ seed;
                h ^= Vector256.ShiftRightLogical(h, 16);
                h *= c1;
                h ^= Vector256.ShiftRightLogical(h, 13);
                h *= c2;
                h ^= Vector256.ShiftRightLogical(h, 16);
                minimum = Vector256.Min(minimum, h);
            }
            minimum.CopyTo(signature.Slice(v * 8, 8));
        }
    }
}
