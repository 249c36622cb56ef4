using System.Diagnostics;

namespace Laoshi.Server.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real `laoshi` program (built beside the tests) as a separate process.</summary>
public static class CliProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "laoshi.dll");

    public static ProcessStartInfo StartInfo(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Program);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(dataDirectory);
        info.Environment.Remove("LAOSHI_DATA");
        info.Environment.Remove("LAOSHI_DATABASE");
        return info;
    }

    public static async Task<CliResult> RunAsync(string dataDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataDirectory, args))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
