using System.CommandLine;
using System.Text.Json.Nodes;
using Laoshi.Server.Active;
using Laoshi.Server.Jobs;
using Laoshi.Storage;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi prioritize`: the "prioritize" job (what POST /projects/{p}/queue/prioritize queues) run here and now: a model
/// scores every open item of the project by an active-learning strategy, and the queue serves the highest first when
/// the project's order is that strategy.
/// </summary>
public static class PrioritizeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var model = new Option<string?>("--model") { Description = "NAME, NAME@VERSION, path/to/model.onnx or http(s)://backend (default: the project's production model)" };
        var strategy = new Option<string?>("--strategy")
        {
            Description = $"{string.Join("|", ItemOrder.ByPriority)} (default: the project's order when it is one of these, else {ItemOrder.LeastConfidence})",
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the diversity strategy's first pick (default 1)" };
        var json = new Option<bool>("--json") { Description = "Print {\"scored\": N, \"model\": \"...\", \"strategy\": \"...\", \"project\": \"...\", \"order\": \"...\"}" };
        var command = new Command("prioritize",
            "Score the project's open items with a model for active learning (least-confidence, margin, entropy or diversity), so the queue serves the most useful first.")
        {
            project, model, strategy, seed, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var parameters = new JsonObject();
            if (result.GetValue(model) is { Length: > 0 } m) parameters["model"] = m;
            if (result.GetValue(strategy) is { Length: > 0 } s) parameters["strategy"] = s;
            if (result.GetValue(seed) is { } n) parameters["seed"] = n;
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.GetAsync(result.GetValue(project)!, ct);
            var handler = new PrioritizeJobHandler(bench.Store, bench.ModelResolver);
            var outcome = (await JobProgressBar.RunAsync($"scoring the open items of {target.Name}",
                progress => handler.RunAsync(new JobContext(0, target.Name, parameters, Environment.UserName, progress), ct)))!;
            var order = (await bench.Store.Distribution.GetSettingsAsync(target.Id, ct)).Order;
            var scored = outcome["items"]!.GetValue<long>();
            var used = outcome["strategy"]!.GetValue<string>();
            var by = outcome["model"]!.GetValue<string>();
            if (result.GetValue(json))
            {
                Console.WriteLine(new JsonObject { ["scored"] = scored, ["model"] = by, ["strategy"] = used, ["project"] = target.Name, ["order"] = order }
                    .ToJsonString());
                return 0;
            }
            Console.WriteLine($"{scored:N0} open items of {target.Name} scored by {used} with {by}.");
            Console.WriteLine(order == used
                ? $"The queue serves them highest first (the project's order is {order})."
                : $"The project's order is {order}: set it to {used} (the project's distribution settings) for the queue to serve them highest first.");
            return 0;
        });
        return command;
    }
}
