using Laoshi.Storage;

namespace Laoshi.Server.Jobs;

/// <summary>
/// A running job's progress and log, written to the shared database so every process and the UI see them. Progress
/// is written at most every <see cref="JobSettings.ProgressInterval"/> (a handler may report per item); the latest
/// value also goes out with each heartbeat, which is how this process keeps its lease on the job.
/// </summary>
internal sealed class StoredJobProgress(LaoshiStore store, JobRecord job, string owner, JobSettings settings, Action<JobHeartbeat> heard) : IJobProgress
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Lock _latest = new();
    private double _fraction;
    private string? _message;
    private long _lastWrite = Environment.TickCount64;
    private int _lines;

    public async Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken)
    {
        lock (_latest)
        {
            if (double.IsFinite(fraction)) _fraction = Math.Clamp(fraction, 0, 1);
            _message = message;
        }
        if (Environment.TickCount64 - Interlocked.Read(ref _lastWrite) >= settings.ProgressInterval.TotalMilliseconds)
            await HeartbeatAsync(cancellationToken);
    }

    public async Task LogAsync(string line, CancellationToken cancellationToken)
    {
        // The store caps a job's log too; counting here spares it the queries once a handler is past the cap.
        if (Interlocked.Increment(ref _lines) > JobStore.MaxLogLines + 1) return;
        await store.Jobs.AppendLogAsync(job.Id, job.Attempts, [line ?? ""], cancellationToken);
    }

    /// <summary>Renews the lease with the latest progress and tells the run what the database said.</summary>
    public async Task<JobHeartbeat> HeartbeatAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            double fraction;
            string? message;
            lock (_latest) (fraction, message) = (_fraction, _message);
            var beat = await store.Jobs.HeartbeatAsync(job.Id, owner, settings.Lease, fraction, message, ct);
            Interlocked.Exchange(ref _lastWrite, Environment.TickCount64);
            heard(beat);
            return beat;
        }
        finally
        {
            _writing.Release();
        }
    }
}
