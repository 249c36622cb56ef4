namespace Laoshi.Bench;

/// <summary>Reads a live process's resident memory from /proc/&lt;pid&gt;/status (Linux only).</summary>
public static class ProcStatus
{
    /// <summary>VmRSS and VmHWM in bytes, or null when the process is gone or /proc cannot be read.</summary>
    public static (long Rss, long HighWaterMark)? Read(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        long rss = 0, hwm = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("VmRSS:")) rss = Kilobytes(line["VmRSS:".Length..]) * 1024;
            else if (line.StartsWith("VmHWM:")) hwm = Kilobytes(line["VmHWM:".Length..]) * 1024;
        }
        return (rss, hwm);
    }

    // The value is written as "   123456 kB".
    private static long Kilobytes(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ');
        return long.Parse(space < 0 ? trimmed : trimmed[..space]);
    }
}
