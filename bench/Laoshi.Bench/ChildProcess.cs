using System.Diagnostics;

namespace Laoshi.Bench;

/// <summary>
/// A child process whose wall time and resident memory are measured: VmRSS is polled about every 20 ms
/// (the highest value kept) and VmHWM, the kernel's own high-water mark, is read on every poll while it lives.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private const int TimelinePoints = 20;

    private readonly Process process;
    private readonly Stopwatch clock;
    private readonly OutputTail tail = new();
    private readonly Task sampling;
    private readonly CancellationTokenSource stopSampling = new();
    private readonly List<(double Seconds, long Rss)> samples = [];
    private long polledMax;
    private long highWaterMark;
    private double? exitedAfter;

    private ChildProcess(Process process, string display)
    {
        this.process = process;
        Display = display;
        clock = Stopwatch.StartNew();
        process.OutputDataReceived += (_, e) => tail.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        sampling = Task.Run(SampleAsync);
    }

    public string Display { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => tail.ToString();

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Children talk to pipes, not a terminal: no progress bars, no colour.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment) info.Environment[key] = value;
        }
        var display = string.Join(' ', [fileName, .. info.ArgumentList]);
        var process = Process.Start(info) ?? throw new BenchmarkFailedException($"could not start `{display}`");
        process.StandardInput.Close();
        return new ChildProcess(process, display);
    }

    /// <summary>Runs a command to its end (killing it after <paramref name="limit"/>) and returns what it cost.</summary>
    public static async Task<MeasuredRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit,
        CancellationToken cancellationToken, string? workingDirectory = null)
    {
        await using var child = Start(fileName, arguments, workingDirectory);
        return await child.WaitAsync(limit, cancellationToken);
    }

    public async Task<MeasuredRun> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            exitedAfter = clock.Elapsed.TotalSeconds;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            tail.Append(cancellationToken.IsCancellationRequested ? "[bench: cancelled]" : $"[bench: killed after {limit.TotalSeconds:0} s]");
        }
        return await FinishAsync();
    }

    /// <summary>Asks the process to shut down (SIGTERM), kills it if it has not gone after a grace period.</summary>
    public async Task<MeasuredRun> StopAsync(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            Signals.Terminate(process.Id);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
                exitedAfter = clock.Elapsed.TotalSeconds;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        return await FinishAsync();
    }

    /// <summary>The highest resident memory seen so far, in bytes.</summary>
    public long PeakSoFar => Math.Max(Interlocked.Read(ref polledMax), Interlocked.Read(ref highWaterMark));

    private async Task<MeasuredRun> FinishAsync()
    {
        exitedAfter ??= clock.Elapsed.TotalSeconds;
        // Let the output readers drain what the child wrote last.
        process.WaitForExit();
        await stopSampling.CancelAsync();
        await sampling;
        return new MeasuredRun(Display, process.ExitCode, exitedAfter.Value, PeakSoFar, polledMax, highWaterMark, Timeline(), tail.ToString());
    }

    private async Task SampleAsync()
    {
        while (!stopSampling.IsCancellationRequested && !process.HasExited)
        {
            // A process that has exited but not been reaped reads as 0 kB: not a sample.
            if (ProcStatus.Read(process.Id) is { Rss: > 0 } status)
            {
                if (status.Rss > polledMax) Interlocked.Exchange(ref polledMax, status.Rss);
                if (status.HighWaterMark > highWaterMark) Interlocked.Exchange(ref highWaterMark, status.HighWaterMark);
                lock (samples) samples.Add((clock.Elapsed.TotalSeconds, status.Rss));
            }
            try
            {
                await Task.Delay(PollInterval, stopSampling.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    // Evenly spaced over the run, so "flat memory" can be read off the figures.
    private List<double> Timeline()
    {
        lock (samples)
        {
            if (samples.Count == 0) return [];
            var points = Math.Min(TimelinePoints, samples.Count);
            return [.. Enumerable.Range(0, points)
                .Select(i => samples[(int)((long)i * (samples.Count - 1) / Math.Max(1, points - 1))].Rss)
                .Select(MeasuredRun.Megabytes)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await stopSampling.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }
        stopSampling.Dispose();
        process.Dispose();
    }
}
