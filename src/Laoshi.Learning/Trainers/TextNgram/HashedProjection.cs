using Microsoft.ML.Data;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// Folds a long sparse vector into a short dense one by feature hashing with random signs: inner products (and so
/// distances between unit vectors) are kept in expectation, and the result is scaled back to unit length.
/// </summary>
internal static class HashedProjection
{
    public static float[] Fold(VBuffer<float> sparse, int size)
    {
        var folded = new float[size];
        var values = sparse.GetValues();
        if (sparse.IsDense)
        {
            for (var i = 0; i < values.Length; i++) Add(folded, i, values[i]);
        }
        else
        {
            var indices = sparse.GetIndices();
            for (var k = 0; k < values.Length; k++) Add(folded, indices[k], values[k]);
        }
        double norm = 0;
        foreach (var v in folded) norm += v * v;
        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < folded.Length; i++) folded[i] *= scale;
        }
        return folded;
    }

    private static void Add(float[] folded, int index, float value)
    {
        if (value == 0) return;
        var hash = Mix((uint)index);
        var slot = (int)(hash % (uint)folded.Length);
        folded[slot] += (hash & 0x8000_0000u) != 0 ? -value : value;
    }

    // A fixed integer mixer (from MurmurHash3's finaliser): the same index always lands in the same slot with the same sign.
    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x85EB_CA6Bu;
        x ^= x >> 13;
        x *= 0xC2B2_AE35u;
        x ^= x >> 16;
        return x;
    }
}
