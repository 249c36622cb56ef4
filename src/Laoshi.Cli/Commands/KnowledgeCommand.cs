using System.CommandLine;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi knowledge PROJECT`: per label, the rules' definition, distinctive terms and typical and borderline examples.</summary>
public static class KnowledgeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var json = new Option<bool>("--json") { Description = "Print JSON (the same as GET /api/v1/projects/{p}/analysis/knowledge)" };
        var terms = new Option<int>("--terms") { Description = "Distinctive terms per label", DefaultValueFactory = _ => 10 };
        var examples = new Option<int>("--examples") { Description = "Typical and borderline examples per label", DefaultValueFactory = _ => 3 };
        var command = new Command("knowledge", "What each label means in the rules and in the data: definition, distinctive terms, typical and borderline examples.")
            { project, json, terms, examples };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var report = await bench.Analysis.KnowledgeAsync(target, result.GetValue(terms), result.GetValue(examples), ct);
            if (result.GetValue(json))
            {
                Output.Json(report);
                return 0;
            }
            foreach (var label in report.Labels)
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(label.Label)}[/] ({Markup.Escape(label.Control)}): {label.Items:N0} items");
                if (label.Definition is { Length: > 0 } definition) AnsiConsole.MarkupLine($"  definition: {Markup.Escape(definition)}");
                if (label.Terms.Count > 0) AnsiConsole.MarkupLine($"  terms: {Markup.Escape(string.Join(", ", label.Terms.Select(t => t.Term)))}");
                foreach (var example in label.Typical) AnsiConsole.MarkupLine($"  typical #{example.Item}: {Markup.Escape(example.Text)}");
                foreach (var example in label.Borderline) AnsiConsole.MarkupLine($"  borderline #{example.Item}: {Markup.Escape(example.Text)}");
            }
            return 0;
        });
        return command;
    }
}
