using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Search;

namespace Laoshi.Server.Training;

/// <summary>
/// What a training run is asked to do: the API's POST body, the "training" job's parameters and `laoshi train`'s options
/// in one shape. Params holds only the values the user gave (the rest default; a search leaves the given ones alone).
/// </summary>
public sealed record TrainingRequest(
    string Project, string Trainer, string Snapshot, int? SnapshotVersion, JsonObject Params, int Seed, double TestShare, bool Curve,
    string? RegisterAs, string? Control, SearchOptions? Search, string User)
{
    /// <summary>Reads a request body or job parameters; a wrong type is an error naming the JSON path.</summary>
    public static TrainingRequest FromJson(JsonObject body, string project, string user)
    {
        var search = body["search"] switch
        {
            null => null,
            JsonObject s => new SearchOptions(
                String(s, "method", "$.search.method") ?? throw new BadInputException("'search.method' is required: random or halving", path: "$.search.method", field: "method"),
                (int?)Number(s, "trials", "$.search.trials", whole: true) ?? 20,
                (int?)Number(s, "folds", "$.search.folds", whole: true) ?? 3,
                Number(s, "budget_seconds", "$.search.budget_seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
            _ => throw new BadInputException("'search' must be an object or null", path: "$.search", field: "search"),
        };
        var parameters = body["params"] switch
        {
            null => new JsonObject(),
            JsonObject p => (JsonObject)p.DeepClone(),
            _ => throw new BadInputException("'params' must be an object of name: value", path: "$.params", field: "params"),
        };
        var curve = body["curve"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new BadInputException("'curve' must be true or false", path: "$.curve", field: "curve"),
        };
        return new TrainingRequest(project,
            String(body, "trainer", "$.trainer") ?? throw new BadInputException("'trainer' is required", path: "$.trainer", field: "trainer"),
            String(body, "snapshot", "$.snapshot") ?? throw new BadInputException("'snapshot' is required", path: "$.snapshot", field: "snapshot"),
            (int?)Number(body, "snapshot_version", "$.snapshot_version", whole: true),
            parameters,
            (int?)Number(body, "seed", "$.seed", whole: true) ?? 1,
            Number(body, "test_share", "$.test_share") ?? 0.2,
            curve,
            String(body, "register_as", "$.register_as"),
            String(body, "control", "$.control"),
            search?.Checked(),
            user);
    }

    /// <summary>The request as job parameters (FromJson reads it back).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["trainer"] = Trainer,
            ["snapshot"] = Snapshot,
            ["params"] = Params.DeepClone(),
            ["seed"] = Seed,
            ["test_share"] = TestShare,
            ["curve"] = Curve,
        };
        if (SnapshotVersion is { } version) json["snapshot_version"] = version;
        if (RegisterAs is not null) json["register_as"] = RegisterAs;
        if (Control is not null) json["control"] = Control;
        if (Search is { } search) json["search"] = SearchJson(search);
        return json;
    }

    public static JsonObject SearchJson(SearchOptions search)
    {
        var json = new JsonObject { ["method"] = search.Method, ["trials"] = search.Trials, ["folds"] = search.Folds };
        json["budget_seconds"] = search.Budget is { } budget ? budget.TotalSeconds : null;
        return json;
    }

    private static string? String(JsonObject body, string name, string path) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        _ => throw new BadInputException($"'{name}' must be a string", path: path, field: name),
    };

    private static double? Number(JsonObject body, string name, string path, bool whole = false)
    {
        double value;
        switch (body[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                value = v.GetValue<double>();
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                break;
            default:
                throw new BadInputException($"'{name}' must be a number", path: path, field: name);
        }
        if (!double.IsFinite(value) || (whole && (value != Math.Floor(value) || Math.Abs(value) > int.MaxValue)))
            throw new BadInputException($"'{name}' must be a whole number", path: path, field: name);
        return value;
    }
}
