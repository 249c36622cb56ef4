using System.Collections.Concurrent;
using System.Diagnostics;

namespace Laoshi.Storage;

/// <summary>
/// Remembers resolved projects for a moment. Every items-API request resolves its project, so under load the
/// same row is read thousands of times a second; a one-second memory removes those reads. A schema change made
/// through this store clears it at once; one made by another server process is seen within the second.
/// </summary>
internal sealed class ProjectRefCache
{
    private static readonly long Lifetime = Stopwatch.Frequency; // one second

    private readonly ConcurrentDictionary<string, (ProjectRef Project, long Expires)> entries = new(StringComparer.Ordinal);

    public bool TryGet(string nameOrId, out ProjectRef project)
    {
        if (entries.TryGetValue(nameOrId, out var entry) && Stopwatch.GetTimestamp() < entry.Expires)
        {
            project = entry.Project;
            return true;
        }
        project = null!;
        return false;
    }

    public ProjectRef Remember(string nameOrId, ProjectRef project)
    {
        // Bounded: names that do not repeat (scripts walking ids) must not grow it without end.
        if (entries.Count > 10_000) entries.Clear();
        entries[nameOrId] = (project, Stopwatch.GetTimestamp() + Lifetime);
        return project;
    }

    public void Clear() => entries.Clear();
}
