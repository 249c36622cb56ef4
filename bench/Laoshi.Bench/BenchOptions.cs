using System.Globalization;
using System.Numerics;

namespace Laoshi.Bench;

/// <summary>
/// Sizes and switches of a benchmark run. Every option can also come from the environment:
/// --items 1000 is LAOSHI_BENCH_ITEMS=1000, --quick is LAOSHI_BENCH_QUICK=1; arguments win.
/// </summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: bench/run.sh [options]
          --quick             smoke run: 20,000 items, a 10 MB Label Studio file, 5 s of load
          --items N           items for the import, export and load measurements (default 1,000,000)
          --ls-mb N           size of the generated Label Studio export in MB (default 500)
          --clients N         concurrent annotators in the load measurement (default 50)
          --duration S        seconds measured per load phase (default 20)
          --warmup S          seconds of load before measuring (default 5)
          --only LIST         comma-separated subset of: import, export, load, labelstudio
          --cli PATH          the built laoshi.dll (default: out/cli/laoshi.dll beside the repository root)
          --work DIR          where temporary data goes (default: a new folder in the system temp folder)
          --out FILE          where the JSON document is saved (default bench/out/results.json)
          --keep              keep the temporary data instead of deleting it
        """;

    public static readonly IReadOnlyList<string> AllMeasurements = ["import", "export", "load", "labelstudio"];

    public bool Quick { get; init; }
    public long Items { get; init; } = 1_000_000;
    public double LabelStudioMegabytes { get; init; } = 500;
    public int Clients { get; init; } = 50;
    public double DurationSeconds { get; init; } = 20;
    public double WarmupSeconds { get; init; } = 5;
    public IReadOnlyList<string> Only { get; init; } = AllMeasurements;
    public required string RepositoryRoot { get; init; }
    public required string CliPath { get; init; }
    public string? WorkDirectory { get; init; }
    public required string OutputFile { get; init; }
    public bool Keep { get; init; }

    public string PythonReference => Path.Combine(RepositoryRoot, "bench", "python_insert.py");

    public bool Runs(string measurement) => Only.Contains(measurement, StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "quick", "items", "ls-mb", "clients", "duration", "warmup", "only", "cli", "work", "out", "keep" })
        {
            var variable = "LAOSHI_BENCH_" + name.Replace('-', '_').ToUpperInvariant();
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) values[name] = value;
        }
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{arg}'\n{Usage}");
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                values[name[..equals]] = name[(equals + 1)..];
            }
            else if (name is "quick" or "keep")
            {
                values[name] = "1";
            }
            else if (name is "help" or "h")
            {
                throw new ArgumentException(Usage);
            }
            else
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"--{name} needs a value\n{Usage}");
                values[name] = args[++i];
            }
        }

        var quick = Flag(values, "quick");
        var options = new BenchOptions
        {
            Quick = quick,
            Items = quick ? 20_000 : 1_000_000,
            LabelStudioMegabytes = quick ? 10 : 500,
            DurationSeconds = quick ? 5 : 20,
            WarmupSeconds = quick ? 1 : 5,
            RepositoryRoot = repositoryRoot,
            CliPath = Path.Combine(repositoryRoot, "out", "cli", "laoshi.dll"),
            OutputFile = Path.Combine(repositoryRoot, "bench", "out", "results.json"),
        };
        foreach (var (name, value) in values)
        {
            options = name.ToLowerInvariant() switch
            {
                "quick" => options,
                "items" => options with { Items = Positive(name, long.Parse(value.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture)) },
                "ls-mb" => options with { LabelStudioMegabytes = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)) },
                "clients" => options with { Clients = (int)Positive(name, int.Parse(value, CultureInfo.InvariantCulture)) },
                "duration" => options with { DurationSeconds = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)) },
                "warmup" => options with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "only" => options with { Only = Measurements(value) },
                "cli" => options with { CliPath = Path.GetFullPath(value) },
                "work" => options with { WorkDirectory = Path.GetFullPath(value) },
                "out" => options with { OutputFile = Path.GetFullPath(value) },
                "keep" => options with { Keep = Flag(values, "keep") },
                _ => throw new ArgumentException($"unknown option --{name}\n{Usage}"),
            };
        }
        return options;
    }

    private static bool Flag(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value is not ("0" or "false" or "no" or "");

    private static T Positive<T>(string name, T value) where T : INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"--{name} must be positive");

    private static List<string> Measurements(string list)
    {
        var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = chosen.Where(c => !AllMeasurements.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown measurement(s) {string.Join(", ", unknown)}; use {string.Join(", ", AllMeasurements)}");
        return chosen;
    }
}
