using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Server.Jobs;
using Laoshi.Storage;

namespace Laoshi.Server.Models;

/// <summary>
/// Pre-labels: runs a model over a project's items (by default those nobody has answered) in batches and stores its
/// answers as predictions under the model's version, so they appear in the workspace. Items that already hold a
/// prediction of that version are skipped, which makes a re-run after a crash continue where the last one stopped.
/// Parameters: model (a reference), filter (a filter expression; default "unannotated"), batch_size (default 16).
/// </summary>
public sealed class PrelabelJobHandler(LaoshiStore store, IModelResolver resolver) : IJobHandler
{
    public const string JobKind = "prelabel";

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var project = context.Project ?? throw new BadInputException("pre-labelling needs a project", field: "project");
        var reference = Text(context.Parameters, "model") ?? throw new BadInputException("name the model to pre-label with", field: "model");
        var filter = Text(context.Parameters, "filter") ?? "unannotated";
        var batchSize = context.Parameters["batch_size"] is JsonValue b && b.GetValueKind() == JsonValueKind.Number ? Math.Clamp(b.GetValue<int>(), 1, 256) : 16;
        var target = await store.Projects.GetAsync(project, cancellationToken);
        await using var model = await resolver.OpenAsync(project, reference, cancellationToken);
        var version = model.Version.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var query = $"({filter}) and not model=\"{version}\"";
        await context.Progress.LogAsync($"pre-labelling {target.Name} with {model.Version}: items matching {query}", cancellationToken);

        long done = 0, regions = 0;
        string? cursor = null;
        do
        {
            var page = await store.Items.ListAsync(target.Id, new ItemQuery(Limit: batchSize, Cursor: cursor, Filter: query), cancellationToken);
            cursor = page.Next;
            if (page.Items.Count == 0) break;
            var answers = await model.PredictAsync(
                [.. page.Items.Select(i => new ModelInput(i.Id.ToString(CultureInfo.InvariantCulture), i.Data))], cancellationToken);
            foreach (var (answer, item) in answers.Zip(page.Items))
            {
                await store.Annotations.AddPredictionAsync(target.Id, item.Id, model.Version, answer.Score, answer.Regions, cancellationToken);
                regions += answer.Regions.Count;
            }
            done += page.Items.Count;
            await context.Progress.ReportAsync(target.ItemCount == 0 ? 1 : Math.Min(1, (double)done / target.ItemCount),
                $"{done:N0} items pre-labelled", cancellationToken);
        } while (cursor is not null);

        await context.Progress.ReportAsync(1, $"{done:N0} items pre-labelled", cancellationToken);
        return new JsonObject { ["model"] = model.Version, ["items"] = done, ["regions"] = regions };
    }

    private static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;
}
