using Laoshi.Core.Errors;
using Laoshi.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Laoshi.Server.Jobs;

/// <summary>
/// Runs this process's share of the job queue: it recovers jobs whose process died, claims queued jobs of the kinds
/// its handlers run (up to <see cref="JobSettings.Concurrency"/> at once), keeps each one's lease alive with
/// heartbeats, and records how each run ended. A handler's error fails the job at once (running it again would
/// fail the same way); only a run cut short by a dead process is run again.
/// </summary>
public sealed class JobWorker : BackgroundService
{
    private readonly LaoshiStore _store;
    private readonly JobSettings _settings;
    private readonly JobSignal _signal;
    private readonly RunningJobs _running;
    private readonly ILogger<JobWorker> _logger;
    private readonly Dictionary<string, IJobHandler> _handlers = new(StringComparer.Ordinal);

    public JobWorker(LaoshiStore store, IEnumerable<IJobHandler> handlers, JobSettings settings, JobSignal signal, RunningJobs running, ILogger<JobWorker> logger)
    {
        _store = store;
        _settings = settings;
        _signal = signal;
        _running = running;
        _logger = logger;
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
                throw new InvalidOperationException($"two job handlers say they run '{handler.Kind}': {_handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}");
        }
        // Unique per process start: a restarted server on the same machine is a new owner, and the old one's jobs are recovered by lease.
        Owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    }

    /// <summary>How this process signs the jobs it holds (machine:pid:random).</summary>
    public string Owner { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var kinds = _handlers.Keys.ToArray();
        var runs = new List<Task>();
        _logger.LogInformation("job worker {Owner} runs {Kinds}", Owner, kinds.Length == 0 ? "no kinds (it only recovers jobs of dead processes)" : string.Join(", ", kinds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var job in await _store.Jobs.RecoverExpiredAsync(stoppingToken))
                    _logger.LogWarning("job {Id} ({Kind}) lost its server; now {State}", job.Id, job.Kind, job.State);
                runs.RemoveAll(run => run.IsCompleted);
                while (runs.Count < _settings.Concurrency && await _store.Jobs.HasQueuedAsync(kinds, stoppingToken)
                       && await _store.Jobs.ClaimAsync(kinds, Owner, _settings.Lease, stoppingToken) is { } job)
                    runs.Add(Task.Run(() => RunAsync(job, _handlers[job.Kind], stoppingToken), CancellationToken.None));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // The database may be briefly unreachable; the next poll tries again.
                _logger.LogWarning(error, "job worker {Owner} could not poll the queue", Owner);
            }
            try
            {
                await _signal.WaitAsync(_settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        // Each run gives its job back to the queue when cut short by the shutdown.
        await Task.WhenAll(runs);
    }

    private async Task RunAsync(JobRecord job, IJobHandler handler, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var lost = false;
        void Heard(JobHeartbeat beat)
        {
            if (beat.StillOwned && !beat.CancelRequested) return;
            lost |= !beat.StillOwned;
            cancel.Cancel();
        }
        var progress = new StoredJobProgress(_store, job, Owner, _settings, Heard);
        _running.Add(job.Id, cancel);
        using var beating = new CancellationTokenSource();
        var heartbeats = HeartbeatAsync(job, progress, beating.Token);
        string state;
        System.Text.Json.Nodes.JsonNode? result = null;
        string? error = null;
        try
        {
            _logger.LogDebug("job {Id} ({Kind}) attempt {Attempt} started", job.Id, job.Kind, job.Attempts);
            result = await handler.RunAsync(new JobContext(job.Id, job.ProjectName, job.Parameters, job.CreatedBy, progress), cancel.Token);
            state = JobStates.Succeeded;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            state = JobStates.Cancelled;
        }
        catch (LaoshiException known)
        {
            state = JobStates.Failed;
            error = known.Message;
        }
        catch (Exception unexpected)
        {
            state = JobStates.Failed;
            error = $"{unexpected.GetType().Name}: {unexpected.Message}";
            _logger.LogError(unexpected, "job {Id} ({Kind}) failed", job.Id, job.Kind);
        }
        finally
        {
            _running.Remove(job.Id);
            await beating.CancelAsync();
            await heartbeats;
        }
        await RecordAsync(job, state, result, error, lost, stopping.IsCancellationRequested);
        _signal.Raise();
    }

    /// <summary>Writes how the run ended; never with the stopping token, so a shutdown still records it.</summary>
    private async Task RecordAsync(JobRecord job, string state, System.Text.Json.Nodes.JsonNode? result, string? error, bool lost, bool stopping)
    {
        try
        {
            if (lost)
            {
                _logger.LogWarning("job {Id} was taken over by another process (this one missed its heartbeats); this run's outcome is dropped", job.Id);
                return;
            }
            if (state == JobStates.Cancelled && stopping && !(await _store.Jobs.GetAsync(job.Id, CancellationToken.None)).CancelRequested)
            {
                await _store.Jobs.ReleaseAsync(job.Id, Owner, CancellationToken.None);
                return;
            }
            if (!await _store.Jobs.FinishAsync(job.Id, Owner, state, result, error, CancellationToken.None))
                _logger.LogWarning("job {Id} was taken over by another process before it finished here; this run's outcome is dropped", job.Id);
            else
                _logger.LogDebug("job {Id} ({Kind}) {State}", job.Id, job.Kind, state);
        }
        catch (Exception failure)
        {
            // The lease runs out and the job is recovered: run again, or failed once its attempts are used.
            _logger.LogError(failure, "could not record that job {Id} {State}", job.Id, state);
        }
    }

    private async Task HeartbeatAsync(JobRecord job, StoredJobProgress progress, CancellationToken ct)
    {
        var every = _settings.Lease / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, ct);
                var beat = await progress.HeartbeatAsync(ct);
                if (!beat.StillOwned) return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Missing one beat is harmless while the lease lasts; the next one tries again.
                _logger.LogWarning(error, "heartbeat of job {Id} failed", job.Id);
            }
        }
    }
}
