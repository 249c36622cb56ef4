using System.Text.Json.Nodes;

namespace Laoshi.Bench;

/// <summary>What one child process cost: wall time, peak memory, and how it ended.</summary>
/// <param name="PeakRssBytes">The larger of the highest VmRSS polled and the last VmHWM read (the kernel's own peak).</param>
/// <param name="RssTimelineMegabytes">A few evenly spaced RSS samples over the run, to show whether memory stays flat.</param>
public sealed record MeasuredRun(
    string Command, int ExitCode, double Seconds, long PeakRssBytes, long PolledMaxRssBytes, long HighWaterMarkBytes,
    IReadOnlyList<double> RssTimelineMegabytes, string OutputTail)
{
    public bool Succeeded => ExitCode == 0;

    public double PeakRssMegabytes => Megabytes(PeakRssBytes);

    public static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    public JsonObject ToJson() => new()
    {
        ["seconds"] = Math.Round(Seconds, 3),
        ["peak_rss_mb"] = PeakRssMegabytes,
        ["polled_max_rss_mb"] = Megabytes(PolledMaxRssBytes),
        ["vm_hwm_mb"] = Megabytes(HighWaterMarkBytes),
        ["rss_timeline_mb"] = new JsonArray([.. RssTimelineMegabytes.Select(m => (JsonNode)m)]),
        ["exit_code"] = ExitCode,
    };

    /// <summary>Throws with the child's last output when it failed, so a broken run is never reported as a figure.</summary>
    public MeasuredRun EnsureSucceeded()
    {
        if (!Succeeded) throw new BenchmarkFailedException($"`{Command}` exited with {ExitCode}:\n{OutputTail}");
        return this;
    }
}
