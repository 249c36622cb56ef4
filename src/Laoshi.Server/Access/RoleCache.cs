using System.Collections.Concurrent;
using System.Diagnostics;
using Laoshi.Storage;

namespace Laoshi.Server.Access;

/// <summary>
/// Remembers people's project roles for a second. Every project request checks the caller's role, so under load
/// the same membership row would be read thousands of times a second. A change made through this process's store
/// clears it at once; one made by another process (the CLI, another server) is seen within the second.
/// </summary>
public sealed class RoleCache
{
    private static readonly long Lifetime = Stopwatch.Frequency;
    private readonly LaoshiStore _store;
    private readonly ConcurrentDictionary<(long Project, long User), (ProjectRole? Role, long Expires)> _entries = new();

    public RoleCache(LaoshiStore store)
    {
        _store = store;
        store.Memberships.Changed += _ => _entries.Clear();
    }

    public async ValueTask<ProjectRole?> RoleAsync(long projectId, long userId, CancellationToken ct)
    {
        if (_entries.TryGetValue((projectId, userId), out var entry) && Stopwatch.GetTimestamp() < entry.Expires) return entry.Role;
        var name = await _store.Memberships.RoleAsync(projectId, userId, ct);
        ProjectRole? role = ProjectRoles.TryParse(name, out var parsed) ? parsed : null;
        if (_entries.Count > 10_000) _entries.Clear();
        _entries[(projectId, userId)] = (role, Stopwatch.GetTimestamp() + Lifetime);
        return role;
    }
}
