namespace Laoshi.Evaluation.Classification;

/// <summary>Whole lines of one file, cut at line boundaries: <see cref="Lines"/> lines from line <see cref="FirstLine"/> on.</summary>
internal sealed class LineChunk
{
    public byte[] Bytes = new byte[1 << 16];
    public int Length;
    public long FirstLine;
    public int Lines;

    public ReadOnlySpan<byte> Text => Bytes.AsSpan(0, Length);

    /// <summary>Room for <paramref name="more"/> bytes past <see cref="Length"/>, keeping what is there.</summary>
    public void Reserve(int more)
    {
        if (Length + more > Bytes.Length) Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Length + more));
    }
}
