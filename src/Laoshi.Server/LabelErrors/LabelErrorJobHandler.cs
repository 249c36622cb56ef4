using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.LabelErrors;
using Laoshi.Learning.Training;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Server.Training;
using Laoshi.Storage;

namespace Laoshi.Server.LabelErrors;

/// <summary>
/// Job kind "label-errors": reads a snapshot's answered items of one choices control, gets every item's out-of-fold
/// class probabilities from the trainer(s) and ranks the items whose label is likely wrong (confident learning). The
/// ranked suspects are the job's result, written once at the end, so a run started again after a crash simply redoes it.
/// Parameters: snapshot, snapshot_version?, trainer ("a" or "a,b" for an ensemble), params?, folds (5), seed (1),
/// control?, filter?, rank_by?.
/// </summary>
public sealed class LabelErrorJobHandler(LaoshiStore store, ProjectSchemas schemas, TrainerCatalog trainers) : IJobHandler
{
    public const string JobKind = "label-errors";
    public const int DefaultFolds = 5;
    public const int DefaultSeed = 1;

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var request = LabelErrorRequest.From(context.Parameters, trainers);
        var project = await store.Projects.ResolveAsync(context.Project ?? throw new BadInputException("label-error detection needs a project", field: "project"), cancellationToken);
        var snapshot = await store.Snapshots.GetAsync(project.Id, request.Snapshot, request.SnapshotVersion, cancellationToken);
        var (data, skipped) = await new TrainingSetReader(store).ReadAsync(project.Id, schemas.For(project), snapshot, request.Task, request.Control,
            TrainingLabels.Single, cancellationToken);
        await context.Progress.LogAsync(
            $"{data.Examples.Count:N0} items of {snapshot.Name} v{snapshot.Version} ({skipped:N0} skipped: no single '{data.Target.Control}' answer); " +
            $"{request.Folds}-fold out-of-fold probabilities from {string.Join(" + ", request.Trainers.Select(t => t.Trainer.Name))}, seed {request.Seed}",
            cancellationToken);

        // Training reports progress synchronously; the job's progress is stored, so the latest report is forwarded between steps.
        var latest = new LatestProgress();
        // On the thread pool: trainers may train synchronously, and progress must flow meanwhile.
        var run = Task.Run(() => LabelErrorDetector.FindAsync(data, request.Trainers, request.Folds, request.Seed, new BlobMediaSource(store.Blobs),
            request.Options, latest, cancellationToken), cancellationToken);
        while (await Task.WhenAny(run, Task.Delay(500, cancellationToken)) != run)
            if (latest.Take() is { } progress) await context.Progress.ReportAsync(progress.Fraction * 0.99, progress.Message, cancellationToken);
        var report = await run;

        await context.Progress.LogAsync($"{report.Suspects.Count:N0} suspects", cancellationToken);
        await context.Progress.ReportAsync(1, $"{report.Suspects.Count:N0} suspects among {report.Examples:N0} items", cancellationToken);
        var result = LabelErrorJson.Write(report);
        result["snapshot"] = new JsonObject { ["name"] = snapshot.Name, ["version"] = snapshot.Version };
        result["control"] = data.Target.Control;
        result["trainer"] = string.Join(",", request.Trainers.Select(t => t.Trainer.Name));
        result["folds"] = request.Folds;
        result["seed"] = request.Seed;
        result["neighbours"] = request.Options.Neighbours;
        result["skipped"] = skipped;
        return result;
    }

    private sealed class LatestProgress : IProgress<TrainingProgress>
    {
        private TrainingProgress? _latest;

        public void Report(TrainingProgress value) => Interlocked.Exchange(ref _latest, value);

        public TrainingProgress? Take() => Interlocked.Exchange(ref _latest, null);
    }
}

/// <summary>A label-error search as the API and the job read it; every value is checked before the job is queued.</summary>
public sealed record LabelErrorRequest(string Snapshot, int? SnapshotVersion, IReadOnlyList<TrainerChoice> Trainers, int Folds, int Seed,
    string? Control, LabelErrorOptions Options)
{
    /// <summary>The classification task every trainer of the search shares: it decides which control and field are read.</summary>
    public string Task => Trainers[0].Trainer.Task;

    public static LabelErrorRequest From(JsonObject body, TrainerCatalog catalog)
    {
        var snapshot = Text(body, "snapshot") ?? throw new BadInputException("give the snapshot whose labels to check", path: "$.snapshot", field: "snapshot");
        var trainer = Text(body, "trainer") ?? throw new BadInputException("give the trainer", path: "$.trainer", field: "trainer");
        var parameters = body["params"] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new BadInputException("params must be an object of name: value", path: "$.params", field: "params"),
        };
        var folds = Whole(body, "folds") ?? LabelErrorJobHandler.DefaultFolds;
        if (folds is < 2 or > 20) throw new BadInputException($"folds must be 2 to 20, not {folds}", path: "$.folds", field: "folds");
        var trainers = TrainerChoice.From(catalog, trainer, parameters);
        if (trainers.FirstOrDefault(t => !TrainerTasks.IsClassification(t.Trainer.Task))
            is { } other)
            throw new BadInputException($"trainer '{other.Trainer.Name}' is a {other.Trainer.Task} trainer; label-error detection checks classification labels",
                path: "$.trainer", field: "trainer");
        if (trainers.Select(t => t.Trainer.Task).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new BadInputException(
                $"an ensemble's trainers must share one task, not {string.Join(", ", trainers.Select(t => $"{t.Trainer.Name} ({t.Trainer.Task})"))}",
                path: "$.trainer", field: "trainer");
        return new LabelErrorRequest(snapshot, Whole(body, "snapshot_version"), trainers, folds,
            Whole(body, "seed") ?? LabelErrorJobHandler.DefaultSeed, Text(body, "control"),
            LabelErrorOptions.Parse(Text(body, "filter"), Text(body, "rank_by"), Whole(body, "neighbours"), neighboursField: "neighbours"));
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        _ => throw new BadInputException($"{name} must be a string", path: $"$.{name}", field: name),
    };

    private static int? Whole(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
        _ => throw new BadInputException($"{name} must be a whole number", path: $"$.{name}", field: name),
    };
}
