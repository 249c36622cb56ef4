using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi prelabel`: the pre-label job run here and now, its progress on stderr.</summary>
public static class PrelabelCommand
{
    public static Command Create(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var model = new Option<string>("--model") { Description = "NAME, NAME@VERSION, path/to/model.onnx, http(s)://backend, or builtin:vad[?min_silence_ms=300&label=LABEL] (voice activity segments for audio projects)", Required = true };
        var filter = new Option<string?>("--filter") { Description = "Which items (default: unannotated); items already holding this model's predictions are skipped" };
        var batch = new Option<int>("--batch-size") { Description = "Items per model call", DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("prelabel", "Store a model's answers on the project's items as predictions (pre-labels).") { project, model, filter, batch, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var parameters = new JsonObject { ["model"] = result.GetValue(model), ["batch_size"] = result.GetValue(batch) };
            if (result.GetValue(filter) is { Length: > 0 } f) parameters["filter"] = f;
            var handler = new PrelabelJobHandler(bench.Store, bench.ModelResolver);
            var outcome = (await JobProgressBar.RunAsync("pre-labelling", progress =>
                handler.RunAsync(new JobContext(0, result.GetValue(project), parameters, Environment.UserName, progress), ct)))!;
            if (result.GetValue(json)) Console.WriteLine(outcome.ToJsonString());
            else Console.WriteLine($"{outcome["items"]} items pre-labelled by {outcome["model"]} ({outcome["regions"]} regions).");
            return 0;
        });
        return command;
    }
}
