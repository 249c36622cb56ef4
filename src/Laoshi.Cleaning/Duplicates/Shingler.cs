using System.Numerics;

namespace Laoshi.Cleaning;

/// <summary>
/// A text's distinct character shingles as 32-bit hashes, sorted: the set both MinHash and the exact Jaccard
/// similarity work on. Shingles are of UTF-16 units (a character outside the BMP counts as two, which only shifts
/// windows); a text shorter than a shingle is one shingle.
/// </summary>
internal sealed class Shingler(NearDuplicateOptions options)
{
    private readonly TextNormalizer _normalizer = new(options.Normalization);
    private readonly int _size = options.ShingleSize;
    private readonly bool _ignoreCase = options.IgnoreCase;

    public string Prepare(string text)
    {
        var normal = _normalizer.Normalize(text);
        return _ignoreCase ? normal.ToLowerInvariant() : normal;
    }

    /// <summary>Writes the sorted distinct shingle hashes into <paramref name="buffer"/> (grown when short); returns how many.</summary>
    public int Shingles(string prepared, ref uint[] buffer)
    {
        var text = prepared.AsSpan();
        if (text.Length == 0) return 0;
        var count = Math.Max(1, text.Length - _size + 1);
        if (buffer.Length < count) buffer = new uint[Math.Max(count, buffer.Length * 2)];
        var window = Math.Min(_size, text.Length);
        for (var i = 0; i < count; i++) buffer[i] = Hash(text.Slice(i, window));
        var span = buffer.AsSpan(0, count);
        span.Sort();
        var distinct = 1;
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i] != span[distinct - 1]) span[distinct++] = span[i];
        }
        return distinct;
    }

    // FNV-style accumulate then a 64-bit finaliser (splitmix64): 32 bits of a well-mixed 64-bit hash.
    private static uint Hash(ReadOnlySpan<char> shingle)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in shingle) h = (h ^ c) * 0x100000001B3UL;
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (uint)(h >> 32);
    }

    /// <summary>Exact Jaccard similarity of two sorted distinct sets.</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y) { common++; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>A 128-bit fingerprint of a set: texts with equal sets are stored once.</summary>
    public static UInt128 Fingerprint(ReadOnlySpan<uint> set)
    {
        ulong h1 = 0x9E3779B97F4A7C15UL ^ (ulong)set.Length, h2 = 0xC2B2AE3D27D4EB4FUL;
        foreach (var x in set)
        {
            h1 = BitOperations.RotateLeft((h1 ^ x) * 0xFF51AFD7ED558CCDUL, 31);
            h2 = BitOperations.RotateLeft((h2 + x) * 0xC4CEB9FE1A85EC53UL, 29) ^ h1;
        }
        return new UInt128(h1, h2);
    }
}
