using System.Collections.Concurrent;
using System.Diagnostics;

namespace Laoshi.Storage;

/// <summary>
/// Remembers each project's distribution settings for a second: every next-item call and every submit needs them, and
/// under load that read was a noticeable share of the single SQLite writer's time. A change made through this store
/// clears it at once; one made by another server process is seen within the second (as with <see cref="ProjectRefCache"/>).
/// </summary>
internal sealed class DistributionSettingsCache
{
    private static readonly long Lifetime = Stopwatch.Frequency; // one second

    private readonly ConcurrentDictionary<long, (DistributionSettings Settings, long Expires)> entries = new();

    public bool TryGet(long projectId, out DistributionSettings settings)
    {
        if (entries.TryGetValue(projectId, out var entry) && Stopwatch.GetTimestamp() < entry.Expires)
        {
            settings = entry.Settings;
            return true;
        }
        settings = DistributionSettings.Default;
        return false;
    }

    public DistributionSettings Remember(long projectId, DistributionSettings settings)
    {
        if (entries.Count > 10_000) entries.Clear();
        entries[projectId] = (settings, Stopwatch.GetTimestamp() + Lifetime);
        return settings;
    }

    public void Forget(long projectId) => entries.TryRemove(projectId, out _);
}
