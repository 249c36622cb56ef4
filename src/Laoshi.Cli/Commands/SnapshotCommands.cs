using System.CommandLine;
using Laoshi.Server.Api;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

public static class SnapshotCommands
{
    public static Command Create(GlobalOptions global)
    {
        var snapshot = new Command("snapshot", "Freeze and list versioned sets of items with their answers.");

        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var name = new Argument<string>("NAME") { Description = "Snapshot name; an existing name gets a new version" };
        var filter = new Option<string?>("--filter") { Description = "Which items, e.g. \"annotated and label=joy\"" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var create = new Command("create", "Freeze the matching items and their current answers.") { project, name, filter, json };
        create.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var made = await bench.Store.Snapshots.CreateAsync(target.Id, result.GetValue(name)!, result.GetValue(filter), ct);
            if (result.GetValue(json)) Output.Json(SnapshotResponse.From(made));
            else Console.WriteLine($"Snapshot {made.Name} version {made.Version}: {made.ItemCount} items.");
            return 0;
        });

        var listProject = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var listJson = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List a project's snapshots.") { listProject, listJson };
        list.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(listProject)!, ct);
            var all = (await bench.Store.Snapshots.ListAsync(target.Id, ct)).Select(SnapshotResponse.From).ToList();
            if (result.GetValue(listJson))
            {
                Output.Json(all);
                return 0;
            }
            var table = new Table().AddColumns("name", "version", "items", "filter", "created");
            foreach (var s in all) table.AddRow(Markup.Escape(s.Name), s.Version.ToString(), s.ItemCount.ToString(), Markup.Escape(s.Filter ?? ""), s.CreatedAt.ToString("u"));
            AnsiConsole.Write(table);
            return 0;
        });

        snapshot.Subcommands.Add(create);
        snapshot.Subcommands.Add(list);
        return snapshot;
    }
}
