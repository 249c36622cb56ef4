namespace Laoshi.Cleaning;

/// <summary>Fixed-width MinHash signatures in chunks of 8,192: signature i is found by arithmetic, no table look-up.</summary>
internal sealed class SignatureStore(int width)
{
    private const int Shift = 13, PerChunk = 1 << Shift;
    private readonly List<uint[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(ReadOnlySpan<uint> signature)
    {
        if (Count % PerChunk == 0) _chunks.Add(new uint[PerChunk * width]);
        signature.CopyTo(_chunks[^1].AsSpan((Count % PerChunk) * width, width));
        Count++;
    }

    public ReadOnlySpan<uint> this[int index] => _chunks[index >> Shift].AsSpan((index & (PerChunk - 1)) * width, width);
}
