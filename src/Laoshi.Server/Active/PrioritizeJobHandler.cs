using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.Active;
using Laoshi.Learning.Training;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Laoshi.Storage.Models;

namespace Laoshi.Server.Active;

/// <summary>
/// Scores a project's open items for an active-learning queue: a model answers every item still waiting for answers,
/// and each gets a priority from the strategy (least-confidence, margin or entropy of its class probabilities; or, for
/// diversity, k-center greedy over the model's embeddings, away from what is labelled). The priorities replace the
/// previous scoring as a whole, and /next serves them highest first when the project's order is that strategy.
/// Parameters: model (a reference; default the project's production model), strategy (default the project's order
/// when it is an active-learning one, else least-confidence), seed.
/// </summary>
public sealed class PrioritizeJobHandler(LaoshiStore store, IModelResolver resolver) : IJobHandler
{
    public const string JobKind = "prioritize";

    private const int Batch = 64;

    // Diversity keeps every open item's embedding in memory and measures the pool once per greedy step: both are bounded.
    private const int DiversityPool = 20_000;
    private const int DiversityGreedySteps = 2_000;
    private const int DiversityLabelled = 2_000;

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var projectName = context.Project ?? throw new BadInputException("scoring a queue needs a project", field: "project");
        var project = await store.Projects.GetAsync(projectName, cancellationToken);
        var strategy = await StrategyAsync(project.Id, Text(context.Parameters, "strategy"), cancellationToken);
        var reference = Text(context.Parameters, "model") ?? await ProductionModelAsync(project.Id, cancellationToken);
        var seed = context.Parameters["seed"] is JsonValue s && s.TryGetValue<int>(out var given) ? given : 1;
        await using var model = await resolver.OpenAsync(project.Name, reference, cancellationToken);
        await context.Progress.LogAsync($"scoring the open items of {project.Name} by {strategy} with {model.Version}", cancellationToken);

        var open = project.ItemCount;
        var priorities = strategy == SamplingStrategies.Diversity
            ? await DiversityAsync(project.Id, model, seed, open, context.Progress, cancellationToken)
            : await UncertaintyAsync(project.Id, model, strategy, open, context.Progress, cancellationToken);
        var scoring = await store.Priorities.ReplaceAsync(project.Id, priorities, strategy, model.Version, context.CreatedBy, cancellationToken);
        await context.Progress.ReportAsync(1, $"{scoring.Items:N0} items scored by {strategy}", cancellationToken);
        return new JsonObject { ["strategy"] = strategy, ["model"] = model.Version, ["items"] = scoring.Items };
    }

    /// <summary>The strategy asked for, else the project's order when it is one, else least-confidence.</summary>
    public async Task<string> StrategyAsync(long projectId, string? asked, CancellationToken cancellationToken)
    {
        if (asked is not null)
            return SamplingStrategies.IsKnown(asked) && asked != SamplingStrategies.Random
                ? asked
                : throw new BadInputException($"unknown strategy '{asked}': strategy must be one of: {string.Join(", ", ItemOrder.ByPriority)}",
                    path: "$.strategy", field: "strategy");
        var order = (await store.Distribution.GetSettingsAsync(projectId, cancellationToken)).Order;
        return ItemOrder.IsByPriority(order) ? order : SamplingStrategies.LeastConfidence;
    }

    /// <summary>The reference of the project's production model (the one staged most recently when several names are).</summary>
    public async Task<string> ProductionModelAsync(long projectId, CancellationToken cancellationToken)
    {
        var production = await store.Models.ListAsync(projectId, stage: ModelStages.Production, ct: cancellationToken);
        return production.OrderByDescending(m => m.StageChangedAt).FirstOrDefault()?.Reference
            ?? throw new BadInputException("the project has no model in production; name the model to score with", path: "$.model", field: "model");
    }

    private async Task<List<ItemPriority>> UncertaintyAsync(long projectId, IItemModel model, string strategy, long open, IJobProgress progress, CancellationToken cancellationToken)
    {
        var priorities = new List<ItemPriority>();
        await foreach (var page in PagesAsync(projectId, Open, long.MaxValue, cancellationToken))
        {
            var answers = await model.PredictAsync([.. page.Select(Input)], cancellationToken);
            foreach (var (answer, item) in answers.Zip(page))
                priorities.Add(new ItemPriority(item.Id, Uncertainty.Score(strategy, Probabilities(answer, model.Version))));
            await progress.ReportAsync(open == 0 ? 1 : Math.Min(0.99, (double)priorities.Count / open), $"{priorities.Count:N0} items scored", cancellationToken);
        }
        return priorities;
    }

    private async Task<List<ItemPriority>> DiversityAsync(long projectId, IItemModel model, int seed, long open, IJobProgress progress, CancellationToken cancellationToken)
    {
        var embedder = model as IEmbeddingModel
            ?? throw new BadInputException($"the model {model.Version} gives no embeddings; the diversity order needs a model that embeds items (a trained text or image model)",
                path: "$.model", field: "model");
        var pool = new List<Candidate>();
        await foreach (var page in PagesAsync(projectId, Open, DiversityPool, cancellationToken))
        {
            var vectors = await embedder.EmbedAsync([.. page.Select(Input)], cancellationToken);
            pool.AddRange(page.Zip(vectors).Select(x => new Candidate(x.First.Id.ToString(CultureInfo.InvariantCulture), Embedding: SparseEmbedding.From(x.Second))));
            await progress.ReportAsync(open == 0 ? 0.5 : Math.Min(0.5, 0.5 * pool.Count / Math.Min(open, DiversityPool)), $"{pool.Count:N0} items embedded", cancellationToken);
        }
        var labelled = new List<SparseEmbedding>();
        await foreach (var page in PagesAsync(projectId, Labelled, DiversityLabelled, cancellationToken))
            labelled.AddRange((await embedder.EmbedAsync([.. page.Select(Input)], cancellationToken)).Select(SparseEmbedding.From));
        await progress.ReportAsync(0.6, $"picking far-apart items among {pool.Count:N0}", cancellationToken);
        var ranked = ActiveSampler.Pick(pool, pool.Count, new SamplingOptions(SamplingStrategies.Diversity, Seed: seed), labelled, DiversityGreedySteps, cancellationToken);
        return [.. ranked.Select(r => new ItemPriority(long.Parse(r.Id, CultureInfo.InvariantCulture), r.Priority))];
    }

    // Open: still waiting for answers. Labelled: answered by someone, what diversity keeps away from.
    private static readonly ItemQuery Open = new(Status: ItemStatus.New);
    private static readonly ItemQuery Labelled = new(Filter: "annotated");

    private async IAsyncEnumerable<IReadOnlyList<ItemSummary>> PagesAsync(long projectId, ItemQuery query, long limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        long seen = 0;
        do
        {
            var page = await store.Items.ListAsync(projectId, query with { Limit = (int)Math.Min(Batch, limit - seen), Cursor = cursor }, cancellationToken);
            cursor = page.Next;
            if (page.Items.Count == 0) yield break;
            seen += page.Items.Count;
            yield return page.Items;
        } while (cursor is not null && seen < limit);
    }

    private static ModelInput Input(ItemSummary item) => new(item.Id.ToString(CultureInfo.InvariantCulture), item.Data);

    /// <summary>Every class's probability; a model that gives only its top score is read as that score against the rest.</summary>
    private static IReadOnlyDictionary<string, double> Probabilities(ModelAnswer answer, string version) =>
        answer.ClassScores is { Count: > 0 } scores ? scores
        : answer.Score is { } top ? new Dictionary<string, double> { ["top"] = top, ["rest"] = 1 - top }
        : throw new BadInputException($"the model {version} gives no class probabilities; order by diversity instead, or use a classifier", path: "$.model", field: "model");

    private static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;
}
