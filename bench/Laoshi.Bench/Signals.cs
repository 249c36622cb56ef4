using System.Runtime.InteropServices;

namespace Laoshi.Bench;

/// <summary>
/// Sends SIGTERM, which .NET hosts answer with a graceful shutdown; Process.Kill only sends SIGKILL,
/// which would leave the server no chance to close its database cleanly.
/// </summary>
public static class Signals
{
    private const int SigTerm = 15;

    public static bool Terminate(int processId) => SendSignal(processId, SigTerm) == 0;

    // A plain DllImport: an int-only signature needs no marshalling code (LibraryImport would need unsafe blocks).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
