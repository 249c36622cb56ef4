using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Learning.Training;
using Laoshi.Storage.Runs;

namespace Laoshi.Server.Api;

/// <summary>
/// Trainers and training runs as the API, `laoshi trainers --json` and `laoshi runs ... --json` show them (snake_case
/// JSON objects; the web page's Training view reads exactly these names).
/// </summary>
public static class RunShapes
{
    public static JsonObject Trainer(ITrainer trainer) => new()
    {
        ["name"] = trainer.Name,
        ["task"] = trainer.Task,
        ["description"] = trainer.Description,
        ["parameters"] = new JsonArray([.. trainer.Parameters.Select(p => (JsonNode?)Parameter(p))]),
    };

    public static JsonObject Parameter(TrainerParameter p) => new()
    {
        ["name"] = p.Name,
        ["type"] = p.Type,
        ["default"] = p.Default?.DeepClone(),
        ["min"] = p.Min,
        ["max"] = p.Max,
        ["choices"] = p.Choices is null ? null : new JsonArray([.. p.Choices.Select(c => (JsonNode?)JsonValue.Create(c))]),
        ["log_scale"] = p.LogScale,
        ["help"] = p.Help,
    };

    public static JsonObject Trainers(TrainerCatalog catalog) => new()
    {
        ["trainers"] = new JsonArray([.. catalog.All.Select(t => (JsonNode?)Trainer(t))]),
    };

    /// <summary>A run as lists show it; <paramref name="full"/> adds its trial table and learning curve.</summary>
    public static JsonObject Run(RunInfo run, bool full = false)
    {
        var json = new JsonObject
        {
            ["id"] = run.Id,
            ["trainer"] = run.Trainer,
            ["task"] = run.Task,
            ["snapshot"] = new JsonObject { ["name"] = run.SnapshotName, ["version"] = run.SnapshotVersion },
            ["seed"] = run.Seed,
            ["test_share"] = run.TestShare,
            ["params"] = run.Parameters.DeepClone(),
            ["metrics"] = run.Metrics.DeepClone(),
            ["duration_seconds"] = Math.Round(run.DurationMs / 1000, 3),
            ["status"] = run.Status,
            ["model"] = run.ModelName is null ? null : new JsonObject
            {
                ["name"] = run.ModelName,
                ["version"] = run.ModelVersion,
                ["reference"] = $"{run.ModelName}@{run.ModelVersion}",
            },
            ["compared_with"] = run.ComparedWith,
            ["search"] = run.Search is null ? null : Search(run.Search),
            ["created_by"] = run.CreatedBy,
            ["created_at"] = run.CreatedAt.ToString("O"),
            ["finished_at"] = run.FinishedAt?.ToString("O"),
            ["error"] = run.Error,
        };
        if (full)
        {
            json["trials"] = new JsonArray([.. (run.Trials ?? []).Select(t => t?.DeepClone())]);
            json["curve"] = new JsonArray([.. (run.Curve ?? []).Select(p => p?.DeepClone())]);
        }
        return json;
    }

    private static JsonObject Search(JsonObject stored) => new()
    {
        ["method"] = stored["method"]?.DeepClone(),
        ["budget_seconds"] = stored["budget_seconds"]?.DeepClone(),
        ["folds"] = stored["folds"]?.DeepClone(),
        ["trials"] = stored["trials"]?.DeepClone(),
        ["metric"] = stored["metric"]?.DeepClone(),
        ["best_params"] = stored["best_params"]?.DeepClone(),
        ["best_score"] = stored["best_score"]?.DeepClone(),
        ["trial_count"] = stored["trial_count"]?.DeepClone() ?? 0,
        ["budget_spent"] = stored["budget_spent"]?.DeepClone() ?? false,
    };

    /// <summary>
    /// Two runs side by side: every top-level metric with b − a, and every parameter with both values (differs says
    /// whether they differ).
    /// </summary>
    public static JsonObject Compare(RunInfo a, RunInfo b)
    {
        var metrics = new JsonArray();
        foreach (var name in Numbers(a.Metrics).Keys.Union(Numbers(b.Metrics).Keys).Order(StringComparer.Ordinal))
        {
            double? x = Numbers(a.Metrics).TryGetValue(name, out var va) ? va : null;
            double? y = Numbers(b.Metrics).TryGetValue(name, out var vb) ? vb : null;
            metrics.Add(new JsonObject { ["name"] = name, ["a"] = x, ["b"] = y, ["delta"] = x is not null && y is not null ? y - x : null });
        }
        var parameters = new JsonArray();
        foreach (var name in a.Parameters.Select(p => p.Key).Union(b.Parameters.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var x = a.Parameters[name];
            var y = b.Parameters[name];
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["a"] = x?.DeepClone(),
                ["b"] = y?.DeepClone(),
                ["differs"] = !JsonNode.DeepEquals(x, y),
            });
        }
        return new JsonObject { ["a"] = Run(a), ["b"] = Run(b), ["metrics"] = metrics, ["params"] = parameters };
    }

    private static Dictionary<string, double> Numbers(JsonObject metrics) =>
        metrics.Where(m => m.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && m.Key != "items")
            .ToDictionary(m => m.Key, m => m.Value!.GetValue<double>(), StringComparer.Ordinal);
}
