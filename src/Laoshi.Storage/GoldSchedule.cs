namespace Laoshi.Storage;

/// <summary>
/// Which of a person's served items are gold. Served items are taken in blocks of <see cref="Block"/>; in each block
/// round(rate × Block) positions, drawn pseudo-randomly from (project, person, block), are gold turns. The share is
/// exact per block (rates are rounded to 1/20), the same on every call, and the positions do not repeat in a pattern
/// a person could learn.
/// </summary>
public static class GoldSchedule
{
    public const int Block = 20;

    /// <summary>Whether the person's item number <paramref name="served"/> (0-based, exam items not counted) is a gold turn.</summary>
    public static bool IsGoldTurn(long projectId, string user, long served, double rate)
    {
        var goldPerBlock = (int)Math.Round(Math.Clamp(rate, 0, 1) * Block, MidpointRounding.AwayFromZero);
        if (goldPerBlock == 0) return false;
        var block = served / Block;
        var position = (int)(served % Block);

        // A partial Fisher–Yates shuffle of the block's positions; the first goldPerBlock are the gold turns.
        Span<int> positions = stackalloc int[Block];
        for (var i = 0; i < Block; i++) positions[i] = i;
        var state = (ulong)ItemOrder.StartFor(projectId, user) * 0x9E3779B97F4A7C15UL ^ (ulong)block;
        for (var i = 0; i < goldPerBlock; i++)
        {
            var j = i + (int)(Next(ref state) % (ulong)(Block - i));
            (positions[i], positions[j]) = (positions[j], positions[i]);
            if (positions[i] == position) return true;
        }
        return false;
    }

    // SplitMix64: small, fast, and fully specified here, so the schedule never changes with a runtime version.
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
