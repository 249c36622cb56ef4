using System.Globalization;

namespace Laoshi.Bench;

/// <summary>
/// The machine's load average (/proc/loadavg), recorded beside every measurement: on a shared machine other
/// work competes for the cores, and figures taken under load are not comparable with figures taken idle.
/// </summary>
public static class MachineLoad
{
    /// <summary>The one-minute load average, or null where /proc/loadavg cannot be read.</summary>
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
