using System.Globalization;
using Laoshi.Server.Jobs;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>
/// Runs a job's logic in process with its progress on stderr, so stdout keeps only the result: a Spectre.Console bar on a
/// terminal, plain "NN% message" lines when stderr goes to a file or another program. The job's log lines are printed
/// after the bar (a live bar would draw over them).
/// </summary>
public static class JobProgressBar
{
    public static async Task<T> RunAsync<T>(string title, Func<IJobProgress, Task<T>> run)
    {
        if (Console.IsErrorRedirected) return await run(new LineProgress());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var log = new BarProgress();
        try
        {
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    log.Task = context.AddTask(Markup.Escape(title), maxValue: 1);
                    var value = await run(log);
                    log.Task.Value = 1;
                    return value;
                });
        }
        finally
        {
            foreach (var line in log.Lines) console.WriteLine(line);
        }
    }

    private sealed class BarProgress : IJobProgress
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public ProgressTask? Task { get; set; }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate) return [.. _lines];
            }
        }

        public Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken)
        {
            if (Task is { } task)
            {
                task.Value = Math.Clamp(fraction, 0, 1);
                if (message is { Length: > 0 }) task.Description = Markup.Escape(message);
            }
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public Task LogAsync(string line, CancellationToken cancellationToken)
        {
            lock (_gate) _lines.Add(line);
            return System.Threading.Tasks.Task.CompletedTask;
        }
    }

    private sealed class LineProgress : IJobProgress
    {
        public Task ReportAsync(double fraction, string? message, CancellationToken cancellationToken)
        {
            Console.Error.WriteLine($"{(fraction * 100).ToString("0", CultureInfo.InvariantCulture)}% {message}");
            return Task.CompletedTask;
        }

        public Task LogAsync(string line, CancellationToken cancellationToken)
        {
            Console.Error.WriteLine(line);
            return Task.CompletedTask;
        }
    }
}
