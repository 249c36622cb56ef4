namespace Laoshi.Storage;

/// <summary>
/// Which of a person's served items come from the random order while the project's order is an active-learning one.
/// The same exact-per-block schedule as gold turns (<see cref="GoldSchedule"/>), drawn from a different stream so the
/// random turns do not fall on the gold ones.
/// </summary>
public static class RandomTurns
{
    private const long Stream = 0x5EED_0A11;

    /// <summary>Whether the person's ordinary item number <paramref name="served"/> (0-based) is served at random.</summary>
    public static bool IsRandomTurn(long projectId, string user, long served, double share) =>
        share >= 1 || GoldSchedule.IsGoldTurn(projectId ^ Stream, user, served, share);
}
