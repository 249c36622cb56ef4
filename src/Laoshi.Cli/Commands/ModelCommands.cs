using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Api;
using Laoshi.Server.Models;
using Spectre.Console;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi model add|list|stage|thresholds`: the project's model registry from the command line.</summary>
public static class ModelCommands
{
    public static Command Create(GlobalOptions global)
    {
        var model = new Command("model", "Register models (ONNX files, HTTP model backends), list them, set their stage and thresholds.");
        model.Subcommands.Add(Add(global));
        model.Subcommands.Add(List(global));
        model.Subcommands.Add(Stage(global));
        model.Subcommands.Add(Thresholds(global));
        return model;
    }

    private static Command Add(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var name = new Argument<string>("NAME") { Description = "Model name; each add makes its next version" };
        var file = new Option<string?>("--file") { Description = "An .onnx model to upload" };
        var url = new Option<string?>("--url") { Description = "URL of a Label Studio ML backend to connect instead" };
        var kind = new Option<string>("--kind") { Description = "classifier or detector (ONNX files)", DefaultValueFactory = _ => "classifier" };
        var labels = new Option<string?>("--labels") { Description = "Label of each output, in order, comma-separated (default: the control's labels)" };
        var settings = new Option<string[]>("--setting") { Description = "name=value, e.g. input=tensor, input_width=640, confidence=0.3, iou=0.5, control=objects (repeatable)", AllowMultipleArgumentsPerToken = false };
        var snapshot = new Option<string?>("--snapshot") { Description = "The snapshot it was trained on (lineage)" };
        var description = new Option<string?>("--description") { Description = "A sentence about the model" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var add = new Command("add", "Register the next version of a model: an ONNX classifier or detector (--file), or an HTTP backend (--url).")
            { project, name, file, url, kind, labels, settings, snapshot, description, json };
        add.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
            var values = ReadSettings(result.GetValue(settings) ?? []);
            if (result.GetValue(labels) is { Length: > 0 } list)
                values["labels"] = new JsonArray([.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonNode)l)]);
            var user = Environment.UserName is { Length: > 0 } u ? u : "cli";
            Storage.Models.ModelVersionInfo added;
            if (result.GetValue(url) is { Length: > 0 } backend)
            {
                if (result.GetValue(file) is not null) throw new BadInputException("give --file or --url, not both", field: "file");
                (added, _) = await bench.ModelRegistry.ConnectBackendAsync(target, result.GetValue(name)!, backend, values, user, result.GetValue(description), ct);
            }
            else
            {
                var path = result.GetValue(file) ?? throw new BadInputException("give --file MODEL.onnx or --url BACKEND", field: "file");
                if (!File.Exists(path)) throw new NotFoundException($"model file '{path}'");
                await using var stream = File.OpenRead(path);
                added = await bench.ModelRegistry.AddOnnxAsync(target, result.GetValue(name)!, result.GetValue(kind)!, stream, path, values, user,
                    result.GetValue(snapshot), null, result.GetValue(description), ct);
            }
            if (result.GetValue(json)) Output.Json(ModelResponse.From(added));
            else Console.WriteLine($"Registered {added.Reference} ({added.Kind}) as {added.Stage}.");
            return 0;
        });
        return add;
    }

    private static Command List(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var name = new Option<string?>("--name") { Description = "Only this model's versions" };
        var stage = new Option<string?>("--stage") { Description = "Only versions in this stage (candidate, production, archived)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List the project's model versions.") { project, name, stage, json };
        list.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
            var models = (await bench.Store.Models.ListAsync(target.Id, result.GetValue(name), result.GetValue(stage), ct)).Select(ModelResponse.From).ToList();
            if (result.GetValue(json))
            {
                Output.Json(new ModelListResponse(models));
                return 0;
            }
            var table = new Table().AddColumns("model", "kind", "stage", "thresholds", "source", "created");
            foreach (var m in models)
                table.AddRow(Markup.Escape(m.Reference), m.Kind, m.Stage,
                    Markup.Escape(string.Join(", ", m.Thresholds.Select(t => $"{t.Key}≥{t.Value.ToString(CultureInfo.InvariantCulture)}"))),
                    Markup.Escape(m.Url ?? (m.HasFile ? "uploaded file" : "")), m.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Stage(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var reference = new Argument<string>("MODEL") { Description = "NAME@VERSION" };
        var stage = new Argument<string>("STAGE") { Description = "candidate, production or archived" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("stage", "Move a model version to a stage; promoting to production archives the previous production version.") { project, reference, stage, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
            var (name, version) = Versioned(result.GetValue(reference)!);
            var changed = await bench.Store.Models.SetStageAsync(target.Id, name, version, result.GetValue(stage)!.Trim().ToLowerInvariant(), ct);
            if (result.GetValue(json)) Output.Json(ModelResponse.From(changed));
            else Console.WriteLine($"{changed.Reference} is now {changed.Stage}.");
            return 0;
        });
        return command;
    }

    private static Command Thresholds(GlobalOptions global)
    {
        var project = new Argument<string>("PROJECT") { Description = "Project name or id" };
        var reference = new Argument<string>("MODEL") { Description = "NAME@VERSION" };
        var values = new Argument<string[]>("LABEL=THRESHOLD") { Description = "Per-class confidence thresholds (0..1); none clears them", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("thresholds", "Set a model version's per-class confidence thresholds.") { project, reference, values, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var target = await bench.Store.Projects.ResolveAsync(result.GetValue(project)!, ct);
            var (name, version) = Versioned(result.GetValue(reference)!);
            var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(values) ?? [])
            {
                var eq = pair.LastIndexOf('=');
                if (eq <= 0 || !double.TryParse(pair.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
                    throw new BadInputException($"'{pair}' is not LABEL=THRESHOLD", field: "thresholds");
                thresholds[pair[..eq]] = t;
            }
            var changed = await bench.Store.Models.SetThresholdsAsync(target.Id, name, version, thresholds, ct);
            if (result.GetValue(json)) Output.Json(ModelResponse.From(changed));
            else Console.WriteLine($"{changed.Reference}: {(changed.Thresholds.Count == 0 ? "no thresholds" : string.Join(", ", changed.Thresholds.Select(p => $"{p.Key} ≥ {p.Value.ToString(CultureInfo.InvariantCulture)}")))}.");
            return 0;
        });
        return command;
    }

    private static (string Name, int Version) Versioned(string reference) => ModelResolver.Parse(reference) switch
    {
        (var name, int version) => (name, version),
        _ => throw new BadInputException($"'{reference}': name the version as NAME@VERSION", field: "model"),
    };

    /// <summary>--setting name=value: numbers, true/false and JSON arrays keep their type, anything else is text.</summary>
    private static JsonObject ReadSettings(string[] pairs)
    {
        var settings = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new BadInputException($"'{pair}' is not NAME=VALUE", field: "setting");
            var text = pair[(eq + 1)..];
            JsonNode? value;
            try
            {
                value = text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '[' or '{' || text is "true" or "false") ? JsonNode.Parse(text) : text;
            }
            catch (JsonException)
            {
                value = text;
            }
            settings[pair[..eq]] = value;
        }
        return settings;
    }
}
