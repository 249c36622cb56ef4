namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>Small vector helpers shared by the embedding models.</summary>
internal static class Vectors
{
    /// <summary>The vector scaled to unit length in place (a zero vector stays zero).</summary>
    public static float[] Normalised(float[] vector)
    {
        double sum = 0;
        foreach (var v in vector) sum += (double)v * v;
        var norm = Math.Sqrt(sum);
        if (norm > 1e-12)
            for (var j = 0; j < vector.Length; j++) vector[j] = (float)(vector[j] / norm);
        return vector;
    }
}
