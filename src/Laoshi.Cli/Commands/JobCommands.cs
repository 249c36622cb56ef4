using System.CommandLine;
using System.Globalization;
using Laoshi.Server.Api;
using Laoshi.Storage;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi jobs list|show|cancel|retry`: the shared job queue, read and changed straight in the database, so it works
/// whether or not a server runs (a cancel reaches the server running the job on its next heartbeat).
/// </summary>
public static class JobCommands
{
    public static Command Create(GlobalOptions global)
    {
        var jobs = new Command("jobs", "Background jobs (evaluations, cleaning, training): list, show with log, cancel, retry.");
        jobs.Subcommands.Add(List(global));
        jobs.Subcommands.Add(Show(global));
        jobs.Subcommands.Add(Cancel(global));
        jobs.Subcommands.Add(Retry(global));
        return jobs;
    }

    private static Command List(GlobalOptions global)
    {
        var project = new Option<string?>("--project") { Description = "Only this project's jobs (name or id)" };
        var state = new Option<string?>("--state") { Description = "queued, running, succeeded, failed or cancelled" };
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind, e.g. evaluation" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON (the API's shape: {\"jobs\": [...], \"next\": ...})" };
        var command = new Command("list", "List jobs, newest first.") { project, state, kind, limit, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            long? projectId = result.GetValue(project) is { } p ? (await bench.Store.Projects.ResolveAsync(p, ct)).Id : null;
            var page = await bench.Store.Jobs.ListAsync(new JobQuery(projectId, result.GetValue(state), result.GetValue(kind), null, result.GetValue(limit)), ct);
            var shown = page.Items.Select(JobResponse.From).ToList();
            if (result.GetValue(json))
            {
                Output.Json(new JobListResponse(shown, page.Next));
                return 0;
            }
            if (shown.Count == 0)
            {
                Console.WriteLine("No jobs.");
                return 0;
            }
            var table = new Table().AddColumns("id", "project", "kind", "state", "progress", "attempts", "created by", "created", "message / error");
            foreach (var job in shown)
            {
                table.AddRow(job.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(job.Project ?? "-"), Markup.Escape(job.Kind), StateMarkup(job),
                    job.Progress.ToString("P0", CultureInfo.InvariantCulture), $"{job.Attempts}/{job.MaxAttempts}", Markup.Escape(job.CreatedBy),
                    job.CreatedAt.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(job.Error ?? job.Message ?? ""));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing progress and new log lines until the job finishes" };
        var json = new Option<bool>("--json") { Description = "Print the job as JSON (with \"log\": its lines)" };
        var command = new Command("show", "Show a job: state, progress, result or error, and its log.") { id, follow, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var jobId = result.GetValue(id);
            var job = await bench.Store.Jobs.GetAsync(jobId, ct);
            if (result.GetValue(json))
            {
                var lines = new List<JobLogLineResponse>();
                string? cursor = null;
                do
                {
                    var page = await bench.Store.Jobs.LogAsync(jobId, 10_000, cursor, ct);
                    lines.AddRange(page.Items.Select(l => new JobLogLineResponse(l.Id, l.Attempt, l.At, l.Line)));
                    cursor = page.Next;
                } while (cursor is not null);
                var shape = System.Text.Json.JsonSerializer.SerializeToNode(JobResponse.From(job), ApiJson.Options)!.AsObject();
                shape["log"] = System.Text.Json.JsonSerializer.SerializeToNode(lines, ApiJson.Options);
                Console.WriteLine(shape.ToJsonString(ApiJson.Options));
                return ExitCode(job);
            }
            Console.WriteLine($"Job {job.Id}: {job.Kind}{(job.ProjectName is null ? "" : $" on {job.ProjectName}")}, queued by {job.CreatedBy} at {job.CreatedAt:u}");
            Console.WriteLine($"Parameters: {job.Parameters.ToJsonString(ApiJson.Options)}");
            long after = 0;
            async Task PrintNewLinesAsync()
            {
                string? cursor = null;
                while (true)
                {
                    var page = await bench.Store.Jobs.LogAsync(jobId, 10_000, cursor, ct);
                    foreach (var line in page.Items.Where(l => l.Id > after))
                    {
                        Console.WriteLine($"  {line.At:HH:mm:ss} #{line.Attempt} {line.Line}");
                        after = line.Id;
                    }
                    if (page.Next is null) return;
                    cursor = page.Next;
                }
            }
            await PrintNewLinesAsync();
            while (result.GetValue(follow) && !JobStates.IsFinished(job.State))
            {
                Console.WriteLine($"  {job.State} {job.Progress:P0}{(job.Message is null ? "" : $" {job.Message}")}");
                await Task.Delay(1000, ct);
                job = await bench.Store.Jobs.GetAsync(jobId, ct);
                await PrintNewLinesAsync();
            }
            Console.WriteLine($"State: {job.State}, progress {job.Progress:P0}, attempt {job.Attempts} of {job.MaxAttempts}{(job.CancelRequested && job.State == JobStates.Running ? " (cancel requested)" : "")}");
            if (job.Message is not null) Console.WriteLine($"Message: {job.Message}");
            if (job.Error is not null) Console.WriteLine($"Error: {job.Error}");
            if (job.Result is not null) Console.WriteLine($"Result: {job.Result.ToJsonString(ApiJson.Options)}");
            return ExitCode(job);
        });
        return command;
    }

    private static Command Cancel(GlobalOptions global)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var json = new Option<bool>("--json") { Description = "Print the job as JSON" };
        var command = new Command("cancel", "Cancel a queued job, or ask a running one to stop (its server sees it on its next heartbeat).") { id, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var job = await bench.Store.Jobs.CancelAsync(result.GetValue(id), CliUser, ct);
            if (result.GetValue(json)) Output.Json(JobResponse.From(job));
            else Console.WriteLine(job.State == JobStates.Cancelled ? $"Job {job.Id} cancelled." : $"Job {job.Id} is running; asked it to stop.");
            return 0;
        });
        return command;
    }

    private static Command Retry(GlobalOptions global)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var attempts = new Option<int>("--max-attempts") { Description = "How many more runs a crash may use", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the job as JSON" };
        var command = new Command("retry", "Queue a failed or cancelled job again (same job; its log continues).") { id, attempts, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var job = await bench.Store.Jobs.RetryAsync(result.GetValue(id), CliUser, result.GetValue(attempts), ct);
            if (result.GetValue(json)) Output.Json(JobResponse.From(job));
            else Console.WriteLine($"Job {job.Id} queued again; a server that runs '{job.Kind}' jobs will pick it up.");
            return 0;
        });
        return command;
    }

    /// <summary>Who the log names for a change made from the command line.</summary>
    private static string CliUser => $"{Environment.UserName} (command line)";

    /// <summary>0 succeeded (or still going), 1 failed, 2 cancelled: scripts can wait with --follow and test the outcome.</summary>
    private static int ExitCode(JobRecord job) => job.State switch
    {
        JobStates.Failed => 1,
        JobStates.Cancelled => 2,
        _ => 0,
    };

    private static string StateMarkup(JobResponse job) => job.State switch
    {
        JobStates.Succeeded => "[green]succeeded[/]",
        JobStates.Failed => "[red]failed[/]",
        JobStates.Running => job.CancelRequested ? "[yellow]cancelling[/]" : "[blue]running[/]",
        JobStates.Cancelled => "[grey]cancelled[/]",
        _ => job.State,
    };
}
