using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Evaluation.Classification;
using Laoshi.Evaluation.Spans;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Search;

/// <summary>
/// Measures a trained model on held-out examples with the evaluation's metric names: classifiers give accuracy,
/// f1_macro, f1_micro, per_class, confusion...; the ner model precision, recall and f1 of exact spans. Only figures
/// are kept (no ROC points), so a run's metrics stay small.
/// </summary>
public static class TrainerScoring
{
    public const int BatchSize = 64;

    /// <summary>What a search maximises: f1 for spans, f1_micro for multi-label, else f1_macro (as evaluations' headlines).</summary>
    public static string Headline(string task, TrainingSet data) =>
        task == TrainerTasks.Ner ? "f1" : data.MultiLabel ? "f1_micro" : "f1_macro";

    public static async Task<JsonObject> ScoreAsync(ITrainedModel model, TrainingSet test, string task, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(test.Examples.Count);
        foreach (var batch in test.Examples.Chunk(BatchSize))
        {
            var got = await model.PredictAsync([.. batch.Select(e => new ModelInput(e.Id, e.Data))], cancellationToken);
            if (got.Count != batch.Length)
                throw new InvalidOperationException($"the {model.Trainer} model answered {got.Count} examples of a batch of {batch.Length}");
            answers.AddRange(got);
        }
        return task == TrainerTasks.Ner ? Spans(test, answers) : Classes(test, answers);
    }

    private static JsonObject Classes(TrainingSet test, List<ModelAnswer> answers)
    {
        var cases = new List<ClassificationCase>(answers.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var example = test.Examples[i];
            var answer = answers[i];
            IReadOnlyList<string> predicted = [.. answer.Regions.Where(r => r.FromName == test.Target.Control).SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal)];
            if (!test.MultiLabel)
            {
                // One class per item: the most probable when a model names several, a class of its own when it names none.
                predicted = predicted.Count switch
                {
                    0 => ["(none)"],
                    1 => predicted,
                    _ => [predicted.MaxBy(l => answer.ClassScores?.GetValueOrDefault(l) ?? 0)!],
                };
            }
            IReadOnlyList<string> truth = test.MultiLabel ? example.Labels : example.Labels.Take(1).ToList();
            cases.Add(new ClassificationCase(example.Id, truth, predicted, answer.ClassScores));
        }
        var json = ClassificationMetrics.Compute(cases, new ClassificationOptions { MultiLabel = test.MultiLabel, Labels = test.Classes }).ToJson();
        json.Remove("curves");
        json.Remove("reliability");
        return json;
    }

    private static JsonObject Spans(TrainingSet test, List<ModelAnswer> answers)
    {
        var cases = new List<SpanCase>(answers.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var example = test.Examples[i];
            var truth = (example.Spans ?? []).Select(s => new LabeledSpan(s.Label, s.Start, s.End)).ToList();
            var predicted = answers[i].Regions
                .Where(r => r.FromName == test.Target.Control && r.Type == RegionTypes.Labels && r.Start is not null && r.End is not null)
                .SelectMany(r => r.Labels.Select(l => new LabeledSpan(l, r.Start!.Value, r.End!.Value)))
                .ToList();
            cases.Add(new SpanCase(example.Id, truth, predicted));
        }
        var json = SpanMetrics.Compute(cases).ToJson();
        json["items"] = answers.Count;
        return json;
    }

    /// <summary>The top-level numbers of a metrics object (for learning curves and comparisons).</summary>
    public static JsonObject Figures(JsonObject metrics)
    {
        var figures = new JsonObject();
        foreach (var (name, value) in metrics)
            if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number) figures[name] = v.DeepClone();
        return figures;
    }
}
