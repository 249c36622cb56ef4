using System.Diagnostics;
using System.Text.Json;

namespace Laoshi.Quality.Tests;

/// <summary>
/// Runs References/agreement.py with the Python that has Debian's scikit-learn, statsmodels and NLTK
/// ($LAOSHI_PYTHON, else /usr/bin/python3, else python3 on PATH). Missing Python or packages fail the test:
/// scripts/python-refs.sh (called by test.sh) installs them.
/// </summary>
public static class PythonReference
{
    public static string Python =>
        Environment.GetEnvironmentVariable("LAOSHI_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>One figure: arguments are the metric, then the file, then the metric's option.</summary>
    public static double? Value(params string[] arguments) => Values([arguments])[0];

    /// <summary>Many figures from one Python process (each start imports scikit-learn again: seconds).</summary>
    public static IReadOnlyList<double?> Values(IReadOnlyList<string[]> jobs)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "References", "agreement.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("batch");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{Python} could not be started ({e.Message}); run scripts/python-refs.sh (./test.sh does) to install the Python references");
            throw;
        }
        using (process)
        {
            foreach (var job in jobs) process.StandardInput.WriteLine(JsonSerializer.Serialize(job));
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var hint = error.Contains("ModuleNotFoundError", StringComparison.Ordinal)
                    ? "the Python references (scikit-learn, statsmodels, NLTK) are missing; run scripts/python-refs.sh (./test.sh does). " : "";
                Assert.Fail($"{hint}{Python} {script} batch failed (exit {process.ExitCode}): {error}");
            }
            var values = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var value = json.RootElement.GetProperty("value");
                return value.ValueKind == JsonValueKind.Null ? (double?)null : value.GetDouble();
            }).ToList();
            Assert.Equal(jobs.Count, values.Count);
            return values;
        }
    }
}
