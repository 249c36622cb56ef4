namespace Laoshi.Storage;

/// <summary>The order in which a person's next items come.</summary>
public static class ItemOrder
{
    public const string Sequential = "sequential";
    public const string Random = "random";

    // Active learning: the highest priority a model scoring gave first (the words of Laoshi.Learning.Active's strategies).
    public const string LeastConfidence = "least-confidence";
    public const string Margin = "margin";
    public const string Entropy = "entropy";
    public const string Diversity = "diversity";

    public static readonly IReadOnlyList<string> All = [Sequential, Random, LeastConfidence, Margin, Entropy, Diversity];

    /// <summary>The orders that serve items by the priority a scoring stored (unscored items after the scored ones).</summary>
    public static readonly IReadOnlyList<string> ByPriority = [LeastConfidence, Margin, Entropy, Diversity];

    public static bool IsByPriority(string order) => ByPriority.Contains(order, StringComparer.Ordinal);

    // Knuth's multiplicative hash: an odd multiplier modulo 2^32 is a bijection on ids below 2^32, so the key spreads
    // neighbouring ids across the range without collisions, and both SQLite and PostgreSQL compute it in 64-bit
    // integers (ids up to 3.4 billion) and can index it.
    private const long Multiplier = 2654435761;
    private const long Range = 4294967296;

    /// <summary>The SQL expression of an item's shuffle key; the index ix_items_open_shuffle is on exactly this.</summary>
    public static string ShuffleKey(string idColumn) => $"(({idColumn} * {Multiplier}) % {Range})";

    /// <summary>
    /// Where a person starts walking the shuffled order: each person starts elsewhere, so people working at the same
    /// time rarely reach for the same item, and a person's order is the same on every call.
    /// </summary>
    public static long StartFor(long projectId, string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var hash = 14695981039346656037UL ^ (ulong)projectId;
        foreach (var c in user)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        // FNV alone leaves short names close together in the low bits; a SplitMix64 finaliser spreads them.
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (long)(hash >> 32);
    }
}
