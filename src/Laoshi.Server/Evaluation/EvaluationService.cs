using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Transfer;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// Measures a model on a test snapshot: streams the snapshot's items, asks the model in batches, scores each control on
/// its own, slices the results, and stores the evaluation (figures, slices, every item's outcome) in one go. The API,
/// the job handler and `laoshi eval` all run this.
/// </summary>
public sealed class EvaluationService(LaoshiStore store, ProjectSchemas schemas, IModelResolver models)
{
    /// <summary>Items asked of the model at once.</summary>
    public const int BatchSize = 64;

    public async Task<EvaluationOutcome> RunAsync(EvaluationRequest request, IJobProgress? progress, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Model)) throw new BadInputException("give the model to evaluate", field: "model");
        if (string.IsNullOrWhiteSpace(request.Snapshot)) throw new BadInputException("give the snapshot to evaluate on", field: "snapshot");
        var project = await store.Projects.ResolveAsync(request.Project, ct);
        var snapshot = await store.Snapshots.GetAsync(project.Id, request.Snapshot, request.SnapshotVersion, ct);
        var schema = schemas.For(project);
        var (scorers, skipped) = ControlScorers.For(schema);
        if (scorers.Count == 0)
            throw new BadInputException($"project '{project.Name}' has no control that can be scored ({string.Join("; ", skipped.Select(s => $"{s.Key}: {s.Value}"))})", field: "project");

        var clock = Stopwatch.StartNew();
        await using var model = await models.OpenAsync(project.Name, request.Model, ct);
        // Evaluating on a snapshot makes it a test set: it shows among the test sets and its evaluations can be compared.
        await store.Evaluations.MarkTestAsync(project.Id, snapshot.Id, request.User, ct);

        var outcomes = new List<EvaluationItemResult>();
        var slices = new SliceCollector();
        long items = 0, withoutTruth = 0, severalAnswers = 0;
        var batch = new List<ExportItem>(BatchSize);
        async Task ScoreBatchAsync()
        {
            var answers = await model.PredictAsync(batch.Select(i => new ModelInput(i.Id.ToString(CultureInfo.InvariantCulture), i.Data)).ToList(), ct);
            if (answers.Count != batch.Count)
                throw new BadInputException($"model '{request.Model}' answered {answers.Count} items of a batch of {batch.Count}", field: "model");
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                var truth = ItemTruth.Of(item);
                if (truth is null)
                {
                    withoutTruth++;
                    continue;
                }
                if (ItemTruth.IsAmbiguous(item)) severalAnswers++;
                foreach (var scorer in scorers)
                    if (scorer.Add(item.Id, truth, answers[i]) is { } outcome) outcomes.Add(outcome);
                slices.Add(item.Id, ItemSlices.Of(item.Data, schema));
            }
            items += batch.Count;
            batch.Clear();
            if (progress is not null)
                await progress.ReportAsync(snapshot.ItemCount == 0 ? 1 : Math.Min(1, (double)items / snapshot.ItemCount),
                    $"scored {items:N0} of {snapshot.ItemCount:N0} items", ct);
        }

        await foreach (var item in store.Export.StreamAsync(project.Id, snapshot.Name, snapshot.Version, ct))
        {
            batch.Add(item);
            if (batch.Count == BatchSize) await ScoreBatchAsync();
        }
        if (batch.Count > 0) await ScoreBatchAsync();

        var report = new JsonObject
        {
            ["project"] = project.Name,
            ["snapshot"] = new JsonObject { ["name"] = snapshot.Name, ["version"] = snapshot.Version, ["items"] = snapshot.ItemCount },
            ["model"] = request.Model,
            ["model_version"] = model.Version,
            ["items"] = items,
            ["items_without_truth"] = withoutTruth,
            ["items_with_several_answers"] = severalAnswers,
        };
        var controls = new JsonObject();
        var summary = new JsonObject();
        foreach (var scorer in scorers)
        {
            var scored = outcomes.Count(o => o.Control == scorer.Control);
            var metrics = scored == 0 ? new JsonObject() : scorer.Metrics();
            controls[scorer.Control] = new JsonObject
            {
                ["task"] = scorer.Task,
                ["headline"] = scorer.Headline,
                ["higher_is_better"] = scorer.HigherIsBetter,
                ["items"] = scored,
                ["wrong"] = outcomes.Count(o => o.Control == scorer.Control && !o.Correct),
                ["metrics"] = metrics,
                ["slices"] = scored == 0 ? new JsonArray() : SliceTable.Build(scorer, metrics, slices),
            };
            summary[scorer.Control] = new JsonObject
            {
                ["task"] = scorer.Task,
                ["headline"] = scorer.Headline,
                ["value"] = metrics[scorer.Headline]?.DeepClone(),
                ["items"] = scored,
            };
        }
        report["controls"] = controls;
        if (skipped.Count > 0) report["skipped_controls"] = new JsonObject(skipped.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));

        var info = await store.Evaluations.AddAsync(project.Id,
            new NewEvaluation(snapshot.Id, request.Model, model.Version, request.User, clock.Elapsed.TotalMilliseconds, items,
                summary.ToJsonString(), report.ToJsonString()),
            outcomes, ct);
        report["id"] = info.Id;
        return new EvaluationOutcome(info, report);
    }

    /// <summary>A stored evaluation with its report.</summary>
    public async Task<EvaluationOutcome> GetAsync(string project, long evaluationId, CancellationToken ct)
    {
        var info = await store.Projects.ResolveAsync(project, ct);
        var evaluation = await store.Evaluations.GetAsync(info.Id, evaluationId, ct);
        var report = JsonNode.Parse(await store.Evaluations.ReportAsync(info.Id, evaluationId, ct)) as JsonObject ?? [];
        report["id"] = evaluation.Id;
        return new EvaluationOutcome(evaluation, report);
    }

    /// <summary>The evaluation as a self-contained HTML page (charts inline), with its worst failing items.</summary>
    public async Task<string> HtmlReportAsync(string project, long evaluationId, CancellationToken ct)
    {
        var outcome = await GetAsync(project, evaluationId, ct);
        var failing = new List<EvaluationItemResult>();
        await foreach (var row in store.Evaluations.StreamItemsAsync(outcome.Info.ProjectId, evaluationId, ct))
            if (!row.Correct) failing.Add(row);
        return EvaluationHtmlReport.Write(outcome.Info, outcome.Report, Worst(failing).ToList());
    }

    /// <summary>Worst first: the lowest item score, then the most confident mistakes.</summary>
    public static IEnumerable<EvaluationItemResult> Worst(IEnumerable<EvaluationItemResult> failing) =>
        failing.OrderBy(o => o.Score).ThenByDescending(o => o.Confidence ?? 0).ThenBy(o => o.ItemId);

    /// <summary>
    /// Sends an evaluation's wrong items (of one control, or all) to review, worst first, at most <paramref name="limit"/>;
    /// returns how many were newly sent.
    /// </summary>
    public async Task<int> SendToReviewAsync(string project, long evaluationId, string? control, int limit, string user, CancellationToken ct)
    {
        if (limit < 1 || limit > 10_000) throw new BadInputException($"limit must be between 1 and 10000, not {limit}", field: "limit");
        var info = await store.Projects.ResolveAsync(project, ct);
        var wrong = new List<EvaluationItemResult>();
        await foreach (var outcome in store.Evaluations.StreamItemsAsync(info.Id, evaluationId, ct))
            if (!outcome.Correct && (control is null || outcome.Control == control)) wrong.Add(outcome);
        var chosen = Worst(wrong).Take(limit)
            .Select(o => (o.ItemId, o.Control, (string?)$"truth {o.Truth}; model {o.Predicted}"));
        return await store.Evaluations.RequestReviewAsync(info.Id, evaluationId, chosen.ToList(), user, ct);
    }
}
