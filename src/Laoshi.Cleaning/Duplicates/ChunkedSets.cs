namespace Laoshi.Cleaning;

/// <summary>
/// Many small arrays of uint kept in a few large chunks: a million texts' shingle sets or signatures cost their
/// contents plus 12 bytes each, not a million objects for the garbage collector to walk.
/// </summary>
internal sealed class ChunkedSets
{
    private const int ChunkLength = 1 << 20;
    private readonly List<uint[]> _chunks = [];
    private readonly List<(int Chunk, int Offset, int Length)> _entries = [];
    private int _open = -1;
    private int _used;

    public int Count => _entries.Count;

    public int Add(ReadOnlySpan<uint> values)
    {
        if (values.Length > ChunkLength / 4)
        {
            // A long text gets a chunk of its own; the open chunk stays open for the next ones.
            _chunks.Add(values.ToArray());
            _entries.Add((_chunks.Count - 1, 0, values.Length));
            return _entries.Count - 1;
        }
        if (_open < 0 || _used + values.Length > ChunkLength)
        {
            _chunks.Add(new uint[ChunkLength]);
            _open = _chunks.Count - 1;
            _used = 0;
        }
        values.CopyTo(_chunks[_open].AsSpan(_used));
        _entries.Add((_open, _used, values.Length));
        _used += values.Length;
        return _entries.Count - 1;
    }

    public ReadOnlySpan<uint> this[int index]
    {
        get
        {
            var (chunk, offset, length) = _entries[index];
            return _chunks[chunk].AsSpan(offset, length);
        }
    }
}
