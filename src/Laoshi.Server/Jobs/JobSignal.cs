namespace Laoshi.Server.Jobs;

/// <summary>Wakes this process's worker when something it should look at happens (a job queued or finished here), so it need not wait for its next poll.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Raise()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another caller raised it at the same moment: one wake-up is enough.
        }
    }

    /// <summary>Waits for a signal or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _wake.WaitAsync(timeout, ct);
}
