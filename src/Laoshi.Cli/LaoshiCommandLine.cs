using System.CommandLine;
using Laoshi.Cli.Commands;
using Laoshi.Core.Errors;
using Spectre.Console;

namespace Laoshi.Cli;

/// <summary>The `laoshi` command: global options, the subcommands, and how errors reach the user.</summary>
public static class LaoshiCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("Laoshi (老师): the AI trainer's workbench — data, annotation, quality, training, testing, production.");
        global.AddTo(root);
        root.Subcommands.Add(ServeCommands.Serve(global));
        root.Subcommands.Add(ServeCommands.Demo(global));
        root.Subcommands.Add(ProjectCommands.Create(global));
        root.Subcommands.Add(TransferCommands.Import(global));
        root.Subcommands.Add(TransferCommands.Export(global));
        root.Subcommands.Add(SnapshotCommands.Create(global));
        root.Subcommands.Add(StatsCommand.Create(global));
        root.Subcommands.Add(AccessCommands.User(global));
        root.Subcommands.Add(AccessCommands.Member(global));
        root.Subcommands.Add(AccessCommands.Token(global));
        root.Subcommands.Add(QualityCommands.Agreement(global));
        root.Subcommands.Add(QualityCommands.Aggregate(global));
        root.Subcommands.Add(GoldCommand.Create(global));
        root.Subcommands.Add(EvalCommands.Eval(global));
        root.Subcommands.Add(EvalCommands.Evaluations(global));
        root.Subcommands.Add(MetricsCommands.Create(global));
        root.Subcommands.Add(ModelCommands.Create(global));
        root.Subcommands.Add(LatencyCommand.Create(global));
        root.Subcommands.Add(BehaviourCommand.Create(global));
        root.Subcommands.Add(PrelabelCommand.Create(global));
        root.Subcommands.Add(PrioritizeCommand.Create(global));
        root.Subcommands.Add(JobCommands.Create(global));
        root.Subcommands.Add(KnowledgeCommand.Create(global));
        root.Subcommands.Add(CleanCommand.Create(global));
        root.Subcommands.Add(TrainCommands.Trainers(global));
        root.Subcommands.Add(TrainCommands.Train(global));
        root.Subcommands.Add(TrainCommands.Runs(global));
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(LabelErrorsCommand.Create(global));

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            // Laoshi's own errors are reported below as one clear message, not as a stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        catch (LaoshiException e)
        {
            ReportError(e);
            return e is NotFoundException ? 3 : 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled; nothing partial was kept");
            return 130;
        }
    }

    public static void ReportError(LaoshiException error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (error is BadInputException bad && bad.Errors.Count > 1)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape($"{bad.Errors.Count} problems{(bad.Errors.Count >= 100 ? " (first 100 shown)" : "")}:")}");
            foreach (var item in bad.Errors) console.MarkupLine($"  [red]-[/] {Markup.Escape(item.ToString())}");
        }
        else
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
        }
    }
}
