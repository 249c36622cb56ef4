using System.Collections.Concurrent;

namespace Laoshi.Server.Jobs;

/// <summary>
/// The jobs this process is running, so a cancel that arrives here stops one at once; a cancel that arrives at
/// another process reaches it through the database on its next heartbeat.
/// </summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    public int Count => _running.Count;

    internal void Add(long id, CancellationTokenSource cancel) => _running[id] = cancel;

    internal void Remove(long id) => _running.TryRemove(id, out _);

    /// <summary>True when the job runs in this process (and is now being cancelled).</summary>
    public bool Cancel(long id)
    {
        if (!_running.TryGetValue(id, out var cancel)) return false;
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished meanwhile.
        }
        return true;
    }
}
