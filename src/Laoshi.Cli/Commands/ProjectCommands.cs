using System.CommandLine;
using Laoshi.Server.Api;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

public static class ProjectCommands
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Command("project", "Create, list and show projects.");
        project.Subcommands.Add(CreateProject(global));
        project.Subcommands.Add(List(global));
        project.Subcommands.Add(Show(global));
        return project;
    }

    private static Command CreateProject(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "Project name (letters, digits, '-', '_', '.')" };
        var schemaFile = new Option<FileInfo>("--schema") { Description = "A Laoshi schema (JSON) or a Label Studio labeling config (XML)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the project as JSON" };
        var command = new Command("create", "Create a project with its annotation rules.") { name, schemaFile, json };
        command.SetAction(async (result, ct) =>
        {
            var file = result.GetValue(schemaFile)!;
            if (!file.Exists) throw new Core.Errors.BadInputException($"no such schema file: {file.FullName}", file.FullName);
            var text = await File.ReadAllTextAsync(file.FullName, ct);
            (Core.Schema.ProjectSchema schema, string schemaJson) parsed;
            try
            {
                parsed = ProjectSchemas.Parse(text);
            }
            catch (Core.Errors.BadInputException e)
            {
                throw new Core.Errors.BadInputException(e.Errors.Select(x => x with { File = x.File ?? file.Name }).ToList());
            }
            await using var bench = await global.OpenAsync(result, ct);
            var created = await bench.Store.Projects.CreateAsync(result.GetValue(name)!, parsed.schema, parsed.schemaJson, ct);
            if (result.GetValue(json)) Output.Json(ProjectResponse.From(created, parsed.schema));
            else Console.WriteLine($"Created project {created.Name} (id {created.Id}) with {parsed.schema.Controls.Count} controls over {parsed.schema.Fields.Count} fields.");
            return 0;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List projects.") { json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var all = new List<ProjectResponse>();
            string? cursor = null;
            do
            {
                var page = await bench.Store.Projects.ListAsync(200, cursor, ct);
                all.AddRange(page.Items.Select(p => ProjectResponse.From(p, bench.Schemas.For(p))));
                cursor = page.Next;
            } while (cursor is not null);

            if (result.GetValue(json))
            {
                Output.Json(all);
                return 0;
            }
            var table = new Table().AddColumns("id", "name", "items", "created");
            foreach (var p in all) table.AddRow(p.Id.ToString(), Markup.Escape(p.Name), $"{p.ItemCount}", p.CreatedAt.ToString("u"));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "Project name or id" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("show", "Show a project's annotation rules and counts.") { name, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var project = await bench.Store.Projects.GetAsync(result.GetValue(name)!, ct);
            var schema = bench.Schemas.For(project);
            if (result.GetValue(json))
            {
                Output.Json(ProjectResponse.From(project, schema));
                return 0;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(project.Name)}[/] (id {project.Id}), {project.ItemCount} items, created {project.CreatedAt:u}");
            foreach (var field in schema.Fields) AnsiConsole.MarkupLine($"  field [blue]{Markup.Escape(field.Name)}[/]: {field.Kind} from data.{Markup.Escape(field.Value)}");
            foreach (var control in schema.Controls)
            {
                var labels = string.Join(", ", control.Labels.Select(l => l.Hotkey is null ? l.Value : $"{l.Value} [{l.Hotkey}]"));
                AnsiConsole.MarkupLine($"  control [green]{Markup.Escape(control.Name)}[/] ({control.Type} → {Markup.Escape(control.ToName)}): {Markup.Escape(labels)}");
            }
            return 0;
        });
        return command;
    }
}
