using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.LabelStudio;

/// <summary>
/// Turns one Label Studio task ({"data": {...}, "annotations": [...], "predictions": [...]}) into an imported item.
/// An object without a "data" object is itself the data, as Label Studio's own import accepts.
/// </summary>
public static class LabelStudioTaskReader
{
    /// <param name="task">Taken over: its "data" object becomes the item's data.</param>
    /// <param name="path">JSON path of the task for error messages: "" for a JSONL line, "$[12]" in an array.</param>
    /// <exception cref="BadInputException">The task is malformed; the error names file, line and JSON path.</exception>
    public static ImportedItem Read(JsonObject task, ProjectSchema? schema, string file, long? line, string path)
    {
        var where = new InputError("item", file, line, path.Length == 0 ? null : path);
        if (task["data"] is not JsonObject data)
            return new ImportedItem(task, where);

        task.Remove("data");
        var annotations = ReadAnswers(task, "annotations", schema, file, line, path, prediction: false);
        var predictions = ReadAnswers(task, "predictions", schema, file, line, path, prediction: true);
        return new ImportedItem(data, annotations, predictions, [], where);
    }

    private static List<ImportedAnswer> ReadAnswers(JsonObject task, string key, ProjectSchema? schema, string file, long? line, string path, bool prediction)
    {
        var answers = new List<ImportedAnswer>();
        var listPath = Join(path, key);
        switch (task[key])
        {
            case null:
                return answers;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var answerPath = $"{listPath}[{i}]";
                    if (array[i] is not JsonObject answer)
                        throw new BadInputException($"each of {key} must be a JSON object", file, line, answerPath);
                    // A cancelled (skipped) annotation is not an answer.
                    if (!prediction && answer["was_cancelled"] is JsonValue cancelled && cancelled.TryGetValue<bool>(out var wasCancelled) && wasCancelled)
                        continue;
                    answers.Add(ReadAnswer(answer, schema, file, line, answerPath, prediction));
                }
                return answers;
            default:
                throw new BadInputException($"{key} must be an array", file, line, listPath);
        }
    }

    private static ImportedAnswer ReadAnswer(JsonObject answer, ProjectSchema? schema, string file, long? line, string path, bool prediction)
    {
        var resultPath = Join(path, "result");
        IReadOnlyList<Region> result = answer["result"] switch
        {
            null => [],
            JsonArray array => LabelStudioResults.FromJson(array, schema, file, line, resultPath),
            _ => throw new BadInputException("result must be an array", file, line, resultPath),
        };
        return new ImportedAnswer(
            result,
            LeadTime: OptionalNumber(answer, "lead_time", file, line, path),
            CompletedBy: prediction ? null : CompletedBy(answer["completed_by"]),
            CreatedAt: OptionalTime(answer, "created_at", file, line, path),
            ModelVersion: prediction ? answer["model_version"]?.ToString() : null,
            Score: prediction ? OptionalNumber(answer, "score", file, line, path) : null);
    }

    // Label Studio writes completed_by as a user id, or as a user object in some exports.
    private static string? CompletedBy(JsonNode? node) => node switch
    {
        null => null,
        JsonObject user => (user["email"] ?? user["username"] ?? user["id"])?.ToString(),
        _ => node.ToString(),
    };

    private static double? OptionalNumber(JsonObject obj, string key, string file, long? line, string path)
    {
        if (obj[key] is not { } node)
            return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            return double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
        throw new BadInputException($"{key} must be a number", file, line, Join(path, key));
    }

    private static DateTimeOffset? OptionalTime(JsonObject obj, string key, string file, long? line, string path)
    {
        if (obj[key] is not { } node)
            return null;
        if (node is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;
        throw new BadInputException($"{key} must be an ISO 8601 date and time", file, line, Join(path, key));
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
