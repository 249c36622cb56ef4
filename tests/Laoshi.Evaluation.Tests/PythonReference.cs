using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Tests;

/// <summary>
/// Runs References/metrics.py with the Python that has Debian's scikit-learn and statsmodels ($LAOSHI_PYTHON, else
/// /usr/bin/python3, else python3 on PATH): one process for many jobs, since each start imports scikit-learn again.
/// Missing Python or packages fail the test; scripts/python-refs.sh (called by test.sh) installs them.
/// </summary>
public static class PythonReference
{
    public static string Python =>
        Environment.GetEnvironmentVariable("LAOSHI_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static IReadOnlyList<JsonObject> Run(IReadOnlyList<JsonObject> jobs)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "References", "metrics.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
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
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            foreach (var job in jobs) process.StandardInput.WriteLine(job.ToJsonString());
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var hint = error.Result.Contains("ModuleNotFoundError", StringComparison.Ordinal)
                    ? "the Python references (scikit-learn, statsmodels) are missing; run scripts/python-refs.sh (./test.sh does). " : "";
                Assert.Fail($"{hint}{Python} {script} failed (exit {process.ExitCode}): {error.Result}");
            }
            var results = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
            Assert.Equal(jobs.Count, results.Count);
            return results;
        }
    }

    public static JsonObject Run(JsonObject job) => Run([job])[0];

    public static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static JsonArray Array<T>(IEnumerable<T> values) => new([.. values.Select(v => JsonSerializer.SerializeToNode(v))]);
}
