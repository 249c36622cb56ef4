using System.CommandLine;
using Laoshi.Core.Errors;
using Laoshi.Formats;
using Laoshi.Formats.Sinks;
using Laoshi.Server.Importing;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

public static class TransferCommands
{
    public static Command Import(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var paths = new Argument<string[]>("PATH") { Description = "Files, folders or http(s) URLs", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format")
        {
            Description = "auto, jsonl, csv, labelstudio, coco, yolo, voc, conll or folder",
            DefaultValueFactory = _ => "auto",
        };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Keep the good rows; write the bad ones with reasons to --bad-rows" };
        var badRows = new Option<string>("--bad-rows")
        {
            Description = "Where --skip-bad writes refused rows (JSON lines)",
            DefaultValueFactory = _ => "laoshi-bad-rows.jsonl",
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("import", "Import items (with annotations and predictions) into a project; all or nothing unless --skip-bad.")
        {
            project, paths, format, skipBad, badRows, json,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var temporary = new List<string>();
            try
            {
                var sources = new List<ImportSource>();
                using var fetcher = new UrlFetcher(new Server.Hosting.ImportSettings());
                foreach (var path in result.GetValue(paths)!)
                {
                    if (UrlFetcher.IsUrl(path))
                    {
                        var file = await fetcher.DownloadAsync(path, ct);
                        temporary.Add(file);
                        sources.Add(new ImportSource(Path.GetFileName(new Uri(path).AbsolutePath), file));
                    }
                    else
                    {
                        if (!File.Exists(path) && !Directory.Exists(path)) throw new BadInputException($"no such file or folder: {path}", path);
                        sources.Add(new ImportSource(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), Path.GetFullPath(path)));
                    }
                }
                var options = new ImportOptions(result.GetValue(format)!, result.GetValue(skipBad), Path.GetFullPath(result.GetValue(badRows)!));
                var summary = await WithProgressAsync(sources, progress => bench.Imports.ImportAsync(target, sources, options, progress, ct));
                if (result.GetValue(json))
                {
                    Output.Json(summary);
                }
                else
                {
                    Console.WriteLine($"Imported {summary.Items} items, {summary.Annotations} annotations, {summary.Predictions} predictions into {target.Name}.");
                    if (summary.Refused > 0)
                    {
                        Console.WriteLine($"Refused {summary.Refused} rows; reasons in {summary.BadRowsPath}. First ones:");
                        foreach (var error in summary.Errors.Take(10)) Console.WriteLine($"  - {error}");
                    }
                }
                return 0;
            }
            finally
            {
                foreach (var file in temporary) File.Delete(file);
            }
        });
        return command;
    }

    private static async Task<ImportSummary> WithProgressAsync(
        IReadOnlyList<ImportSource> sources, Func<IProgress<ImportProgress>?, Task<ImportSummary>> import)
    {
        if (Console.IsErrorRedirected) return await import(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("importing", maxValue: 1);
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = $"{Markup.Escape(p.Source)}: {p.Items:N0} items{(p.Refused > 0 ? $", {p.Refused:N0} refused" : "")}";
                    if (p.BytesTotal is > 0) task.Value = Math.Min(1, (double)p.BytesRead / p.BytesTotal.Value);
                    else task.IsIndeterminate = true;
                });
                var summary = await import(progress);
                task.Value = 1;
                return summary;
            });
    }

    public static Command Export(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var format = new Option<string>("--format") { Description = "jsonl, labelstudio, coco, yolo, voc, conll or csv", Required = true };
        var output = new Option<string>("--out") { Description = "File to write (a folder for yolo and voc)", Required = true };
        var snapshot = new Option<string?>("--snapshot") { Description = "Export this snapshot (its latest version) instead of the live project" };
        var command = new Command("export", "Export a project or a snapshot, streamed.") { project, format, output, snapshot };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var writer = bench.Exports.Writer(result.GetValue(format)!);
            var path = Path.GetFullPath(result.GetValue(output)!);
            if (writer.MultiFile)
            {
                Directory.CreateDirectory(path);
                await bench.Exports.ExportAsync(target, writer.Name, result.GetValue(snapshot), null, new DirectorySink(path), ct);
            }
            else
            {
                // Write beside the target and move into place, so a failed export never leaves half a file.
                var partial = path + ".partial";
                try
                {
                    await using (var file = File.Create(partial))
                    {
                        await bench.Exports.ExportAsync(target, writer.Name, result.GetValue(snapshot), null, new SingleFileSink(file), ct);
                    }
                    File.Move(partial, path, overwrite: true);
                }
                finally
                {
                    File.Delete(partial);
                }
            }
            Console.WriteLine($"Exported {target.Name} as {writer.Name} to {path}");
            return 0;
        });
        return command;
    }
}
