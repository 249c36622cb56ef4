using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Search;
using Laoshi.Learning.Training;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Laoshi.Storage.Models;
using Laoshi.Storage.Runs;

namespace Laoshi.Server.Training;

/// <summary>
/// Trains a built-in trainer on a project's snapshot as a tracked run: checks the request, records the run, reads the
/// snapshot, splits, searches, trains and scores (TrainingRunner), registers the model as the next version of its name
/// (a candidate, lineage snapshot and run) and stores the outcome. A failure or cancel is recorded on the run too.
/// The "training" job, the API and `laoshi train` all run this.
/// </summary>
public sealed class TrainingService(LaoshiStore store, ProjectSchemas schemas, ModelRegistry registry)
{
    public TrainerCatalog Trainers => registry.Trainers;

    /// <summary>What a request resolves to once checked.</summary>
    public sealed record CheckedRequest(ProjectRef Project, SnapshotInfo Snapshot, ITrainer Trainer, ParameterValues Parameters, string ModelName);

    /// <summary>
    /// Everything that can be checked before work starts: the trainer, each parameter (an error names it), the snapshot,
    /// the control, the search, the seed, the test share and the name to register under.
    /// </summary>
    public async Task<CheckedRequest> CheckAsync(TrainingRequest request, CancellationToken ct)
    {
        var project = await store.Projects.ResolveAsync(request.Project, ct);
        var trainer = Trainers.Get(request.Trainer);
        var parameters = ParameterValues.From(request.Params, trainer.Parameters);
        if (request.TestShare is <= 0 or >= 1)
            throw new BadInputException($"test_share must be between 0 and 1 (exclusive), not {request.TestShare.ToString(CultureInfo.InvariantCulture)}",
                path: "$.test_share", field: "test_share");
        if (request.Seed < 0) throw new BadInputException($"seed must be 0 or more, not {request.Seed}", path: "$.seed", field: "seed");
        request.Search?.Checked();
        var snapshot = await store.Snapshots.GetAsync(project.Id, request.Snapshot, request.SnapshotVersion, ct);
        TrainingSetReader.ControlFor(schemas.For(project), trainer.Task, request.Control);
        var name = request.RegisterAs ?? trainer.Name;
        try
        {
            ModelStore.CheckName(name);
        }
        catch (BadInputException e)
        {
            throw new BadInputException(e.Message, path: "$.register_as", field: "register_as");
        }
        return new CheckedRequest(project, snapshot, trainer, parameters, name);
    }

    /// <param name="jobId">The job running it, so a job started again after a crash reuses its run.</param>
    public async Task<RunInfo> RunAsync(TrainingRequest request, IJobProgress? progress, long? jobId, CancellationToken ct)
    {
        var (project, snapshot, trainer, parameters, modelName) = await CheckAsync(request, ct);
        var searchJson = request.Search is { } s ? TrainingRequest.SearchJson(s) : null;
        var run = await store.Runs.StartAsync(project.Id,
            new NewRun(trainer.Name, trainer.Task, parameters.ToJson(), snapshot.Id, request.Seed, request.TestShare, searchJson, request.User, jobId), ct);
        var clock = Stopwatch.StartNew();
        var reporter = new RunProgress(progress, request.Search is not null);
        try
        {
            var (data, _) = await new TrainingSetReader(store).ReadAsync(project.Id, schemas.For(project), snapshot, trainer.Task, request.Control,
                TrainingLabels.AsControl, ct);
            if (progress is not null)
                await progress.LogAsync($"run {run.Id}: {trainer.Name} on {snapshot.Name} v{snapshot.Version}: {data.Examples.Count} examples, " +
                                        $"{data.Classes.Count} classes{(data.MultiLabel ? " (multi-label)" : "")}, seed {request.Seed}", ct);
            var options = new TrainingRunOptions(parameters, request.Params.Select(p => p.Key).ToHashSet(StringComparer.Ordinal), request.Seed,
                request.TestShare, request.Curve, request.Search);
            var context = new TrainingContext(request.Seed, new BlobMediaSource(store.Blobs), $"{modelName}@run{run.Id}", reporter);
            var result = await TrainingRunner.RunAsync(trainer, data, options, context, reporter.TrialAsync, ct);
            await using var model = result.Model;
            await reporter.FlushAsync();
            var registered = await registry.AddTrainedAsync(project, modelName, model, new JsonObject
            {
                ["task"] = trainer.Task,
                ["control"] = data.Target.Control,
                ["field"] = data.Target.Field,
                ["labels"] = new JsonArray([.. data.Classes.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["multi_label"] = data.MultiLabel,
                ["params"] = result.Parameters.DeepClone(),
                ["seed"] = request.Seed,
            }, request.User, snapshot.Name, run.Id, $"trained by run {run.Id} on {snapshot.Name} v{snapshot.Version}", ct);
            JsonObject? search = null;
            if (result.Search is { } found && searchJson is not null)
            {
                search = (JsonObject)searchJson.DeepClone();
                search["metric"] = found.Metric;
                search["best_params"] = found.BestParameters.DeepClone();
                search["best_score"] = found.BestScore;
                search["trial_count"] = found.Trials.Count;
                search["budget_spent"] = found.BudgetSpent;
            }
            var finished = await store.Runs.FinishAsync(project.Id, run.Id, new RunOutcome(result.Parameters, result.Metrics, search,
                result.Search?.TrialsJson(), result.Curve, clock.Elapsed.TotalMilliseconds, registered.Name, registered.Version), ct);
            if (progress is not null)
            {
                await progress.LogAsync($"run {run.Id} finished in {clock.Elapsed.TotalSeconds:0.0} s: " +
                    $"{string.Join(", ", Headlines(result.Metrics))}; registered {registered.Reference}", ct);
                await progress.ReportAsync(1, $"registered {registered.Reference}", ct);
            }
            return finished;
        }
        catch (OperationCanceledException)
        {
            await store.Runs.FailAsync(project.Id, run.Id, RunStatuses.Cancelled, "cancelled", clock.Elapsed.TotalMilliseconds, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await store.Runs.FailAsync(project.Id, run.Id, RunStatuses.Failed, e.Message, clock.Elapsed.TotalMilliseconds, CancellationToken.None);
            throw;
        }
        finally
        {
            await reporter.FlushAsync();
        }
    }

    private static IEnumerable<string> Headlines(JsonObject metrics) =>
        new[] { "accuracy", "f1_macro", "f1_micro", "f1" }.Where(metrics.ContainsKey)
            .Select(n => $"{n} {metrics[n]!.GetValue<double>().ToString("0.000", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Passes a run's progress to the job: search trials fill the first 80 % of the bar and log a line each; the final
    /// training's own progress fills the rest. Trainers report synchronously, so their reports are chained and awaited.
    /// </summary>
    private sealed class RunProgress(IJobProgress? progress, bool searching) : IProgress<TrainingProgress>
    {
        private readonly Lock _gate = new();
        private Task _pending = Task.CompletedTask;

        public void Report(TrainingProgress value)
        {
            if (progress is null) return;
            var start = searching ? 0.8 : 0;
            var fraction = start + (0.95 - start) * Math.Clamp(value.Fraction, 0, 1);
            lock (_gate)
                _pending = _pending.ContinueWith(_ => Quietly(() => progress.ReportAsync(fraction, value.Message, CancellationToken.None)),
                    TaskScheduler.Default).Unwrap();
        }

        public async Task TrialAsync(SearchTrial trial, int planned)
        {
            if (progress is null) return;
            var score = trial.Score is { } s ? s.ToString("0.0000", CultureInfo.InvariantCulture) : $"failed ({trial.Error})";
            await progress.LogAsync($"trial {trial.Index + 1}/{planned} rung {trial.Rung} on {trial.Examples} examples: {score} " +
                                    $"in {trial.Seconds:0.0} s with {trial.Parameters.ToJsonString()}", CancellationToken.None);
            await progress.ReportAsync(0.8 * Math.Min(1, (trial.Index + 1.0) / Math.Max(1, planned)), $"search trial {trial.Index + 1} of {planned}", CancellationToken.None);
        }

        public Task FlushAsync()
        {
            lock (_gate) return _pending;
        }

        private static async Task Quietly(Func<Task> report)
        {
            try
            {
                await report();
            }
            catch (Exception)
            {
                // A lost progress update must not fail a training run; the next one catches up.
            }
        }
    }
}
