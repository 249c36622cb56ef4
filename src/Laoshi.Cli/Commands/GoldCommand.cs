using System.CommandLine;
using Laoshi.Server.Distribution;

namespace Laoshi.Cli.Commands;

public static class GoldCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var input = new Option<string>("--input")
        {
            Description = "JSONL file, one {\"item\": ID, \"result\": [Label Studio result]} a line: the known answers",
            Required = true,
        };
        var by = new Option<string>("--by") { Description = "Who set the answers (kept with each gold item)", DefaultValueFactory = _ => "cli" };
        var command = new Command("gold", "Mark items gold with their known answers, checked like submitted answers; a bad line marks nothing.")
        {
            project, input, by,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
            var marked = await new GoldAnswers(bench.Store, bench.Schemas).MarkFromFileAsync(target, result.GetValue(input)!, result.GetValue(by)!, ct);
            Console.WriteLine($"{marked} items marked gold in {target.Name}.");
            return 0;
        });
        return command;
    }
}
