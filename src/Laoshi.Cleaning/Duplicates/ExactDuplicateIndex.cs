using System.Buffers.Binary;
using System.Globalization;

namespace Laoshi.Cleaning;

/// <summary>
/// Groups items whose content is identical: texts after normalisation (by default every
/// <see cref="NormalizationOptions"/> step), blobs by their bytes or stored hash. Keeps 16 bytes of the SHA-256 and
/// the first item's id per distinct content, so a million items fit in tens of megabytes. Not thread-safe.
/// </summary>
public sealed class ExactDuplicateIndex(NormalizationOptions? normalization = null)
{
    private readonly TextNormalizer _normalizer = new(normalization ?? NormalizationOptions.All);
    private readonly Dictionary<UInt128, string> _first = [];
    private readonly Dictionary<string, List<string>> _repeats = new(StringComparer.Ordinal);

    /// <summary>Items added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Items that repeat an earlier item (the CLI's <c>exact_duplicates</c>).</summary>
    public int DuplicateCount { get; private set; }

    /// <summary>Adds a text; returns the id of the earlier item with the same normalised text, or null when it is new.</summary>
    public string? AddText(string id, string text) => Add(id, ContentHash.HashText(_normalizer.Normalize(text)));

    /// <summary>
    /// Adds many texts, normalising and hashing them on every core; ids are added in order, so the first of identical
    /// texts is the one that came first. Returns how many of them repeat an earlier item.
    /// </summary>
    public int AddTexts(IEnumerable<(string Id, string Text)> items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var before = DuplicateCount;
        foreach (var batch in items.Chunk(4096))
        {
            var keys = new UInt128[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
                keys[i] = BinaryPrimitives.ReadUInt128BigEndian(ContentHash.HashText(_normalizer.Normalize(batch[i].Text))));
            for (var i = 0; i < batch.Length; i++) Add(batch[i].Id, keys[i]);
        }
        return DuplicateCount - before;
    }

    /// <summary>Adds a blob's bytes; returns the id of the earlier item with the same bytes, or null.</summary>
    public string? AddBytes(string id, ReadOnlySpan<byte> bytes) => Add(id, System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Adds a hex SHA-256 (a blob's stored hash, or <see cref="ContentHash"/>); returns the earlier item's id, or null.</summary>
    public string? AddHash(string id, string contentHash)
    {
        if (contentHash.Length < 32 || !UInt128.TryParse(contentHash.AsSpan(0, 32), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var key))
            throw new ArgumentException($"'{contentHash}' is not a hex SHA-256", nameof(contentHash));
        return Add(id, key);
    }

    /// <summary>Every group of identical items (two or more), the first added first; groups in the order their first repeat came.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups() =>
        _repeats.Select(pair => (IReadOnlyList<string>)[pair.Key, .. pair.Value]).ToList();

    private string? Add(string id, byte[] sha256) => Add(id, BinaryPrimitives.ReadUInt128BigEndian(sha256));

    private string? Add(string id, UInt128 key)
    {
        ArgumentNullException.ThrowIfNull(id);
        Count++;
        if (_first.TryAdd(key, id)) return null;
        var first = _first[key];
        DuplicateCount++;
        if (!_repeats.TryGetValue(first, out var repeats)) _repeats[first] = repeats = [];
        repeats.Add(id);
        return first;
    }
}
