using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Search;

/// <summary>
/// How the held-out metrics grow with data: the trainer trained on 25 %, 50 % and 100 % of the training part (seeded
/// samples) and scored on the same test part each time. Each point is {"examples": N, "accuracy": ..., "f1_macro": ...}.
/// </summary>
public static class LearningCurve
{
    public static readonly IReadOnlyList<double> Shares = [0.25, 0.5, 1.0];

    /// <param name="full">The metrics of the model trained on all the training part, reused as the last point.</param>
    public static async Task<JsonArray> ComputeAsync(ITrainer trainer, TrainingSet train, TrainingSet test, ParameterValues values,
        TrainingContext context, JsonObject full, CancellationToken cancellationToken)
    {
        var points = new JsonArray();
        foreach (var share in Shares)
        {
            var n = (int)Math.Round(train.Examples.Count * share);
            JsonObject figures;
            if (share >= 1 || n >= train.Examples.Count)
            {
                figures = TrainerScoring.Figures(full);
                n = train.Examples.Count;
            }
            else
            {
                if (n < 2) continue;
                await using var model = await trainer.TrainAsync(train.With(DataSplit.Sample(train.Examples, n, context.Seed)), values,
                    context with { Progress = null }, cancellationToken);
                figures = TrainerScoring.Figures(await TrainerScoring.ScoreAsync(model, test, trainer.Task, cancellationToken));
            }
            var point = new JsonObject { ["examples"] = n };
            foreach (var (name, value) in figures)
                if (name != "items") point[name] = value?.DeepClone();
            points.Add(point);
        }
        return points;
    }

    /// <summary>Successive halving's rungs as a curve: the best cross-validated score at each rung's example count.</summary>
    public static JsonArray FromRungs(SearchResult search)
    {
        var points = new JsonArray();
        foreach (var rung in search.Trials.Where(t => t.Score is not null).GroupBy(t => t.Rung).OrderBy(g => g.Key))
            points.Add(new JsonObject { ["examples"] = rung.First().Examples, [search.Metric] = rung.Max(t => t.Score), ["rung"] = rung.Key });
        return points;
    }
}
