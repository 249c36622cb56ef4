using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Behaviour;

/// <summary>
/// Reads a behaviour suite from JSON:
/// <code>
/// {"name": "sentiment", "field": "text", "control": "sentiment", "seed": 7,
///  "synonyms": {"good": ["great", "fine"], "好": ["棒"]},
///  "tests": [
///   {"name": "negated praise", "type": "mft", "template": "I {neg} {like} this {thing}.",
///    "slots": {"neg": ["don't"], "like": ["like", "love"], "thing": ["film", "book"]}, "expect": "negative"},
///   {"name": "typos", "type": "inv", "texts": ["..."], "perturbation": {"kind": "typos", "count": 1, "copies": 3}},
///   {"name": "praise helps", "type": "dir", "texts": ["..."], "perturbation": {"kind": "append", "add": [" I loved it."]},
///    "label": "positive", "direction": "up", "tolerance": 0.05}]}
/// </code>
/// A perturbation may also be written as its kind alone ("typos", "punctuation", "width", "traditional",
/// "simplified", "synonyms"). Every mistake is reported with the file, the JSON path and the field.
/// </summary>
public static class BehaviourSuiteFile
{
    public static async Task<BehaviourSuite> ReadAsync(string path, CancellationToken cancellationToken)
    {
        JsonNode? root;
        try
        {
            await using var stream = File.OpenRead(path);
            root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BadInputException(new InputError($"not valid JSON: {e.Message.Split(" LineNumber:")[0]}", path, e.LineNumber + 1, e.Path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read the suite: {e.Message}", path);
        }
        return Parse(root, path);
    }

    public static BehaviourSuite Parse(JsonNode? root, string? file = null)
    {
        var errors = new List<InputError>();
        if (root is not JsonObject suite) throw new BadInputException("a suite is a JSON object with a \"tests\" list", file, path: "$");
        var synonyms = StringLists(suite["synonyms"], "$.synonyms", "synonyms", file, errors);
        var tests = new List<BehaviourTest>();
        if (suite["tests"] is not JsonArray list || list.Count == 0) errors.Add(new InputError("a suite needs a non-empty \"tests\" list", file, Path: "$", Field: "tests"));
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var where = $"$.tests[{i}]";
                if (ReadTest(list[i], where, file, synonyms, errors) is not { } test) continue;
                if (!names.Add(test.Name)) errors.Add(new InputError($"two tests are named '{test.Name}'; names must differ (they key the report)", file, Path: where, Field: "name"));
                tests.Add(test);
            }
        }
        var seed = OptionalInt(suite["seed"], "$", "seed", file, errors) ?? 1;
        if (errors.Count > 0) throw new BadInputException(errors);
        return new BehaviourSuite
        {
            Name = Text(suite["name"]) ?? Path.GetFileNameWithoutExtension(file) ?? "behaviour",
            Field = Text(suite["field"]) ?? "text",
            Control = Text(suite["control"]),
            Seed = seed,
            Synonyms = synonyms,
            Tests = tests,
        };
    }

    private static BehaviourTest? ReadTest(JsonNode? node, string where, string? file, IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms, List<InputError> errors)
    {
        if (node is not JsonObject test)
        {
            errors.Add(new InputError("a test must be an object", file, Path: where));
            return null;
        }
        var before = errors.Count;
        var name = Text(test["name"]);
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new InputError("a test needs a name", file, Path: where, Field: "name"));
        BehaviourTestKind? kind = Text(test["type"]) switch
        {
            "mft" => BehaviourTestKind.Mft,
            "inv" => BehaviourTestKind.Inv,
            "dir" => BehaviourTestKind.Dir,
            _ => null,
        };
        if (kind is null) errors.Add(new InputError($"type must be mft, inv or dir (got {test["type"]?.ToJsonString() ?? "nothing"})", file, Path: where, Field: "type"));

        var templates = new List<string>();
        if (Text(test["template"]) is { } single) templates.Add(single);
        templates.AddRange(StringList(test["templates"], $"{where}.templates", "templates", file, errors));
        var slots = StringLists(test["slots"], $"{where}.slots", "slots", file, errors);
        foreach (var template in templates)
        {
            foreach (var slot in TemplateExpander.SlotsOf(template))
            {
                if (!slots.TryGetValue(slot, out var values) || values.Count == 0)
                    errors.Add(new InputError($"template \"{template}\" uses {{{slot}}}, which \"slots\" does not fill", file, Path: where, Field: "slots"));
            }
        }
        var texts = StringList(test["texts"], $"{where}.texts", "texts", file, errors);
        if (templates.Count == 0 && texts.Count == 0) errors.Add(new InputError("a test needs \"template\"/\"templates\" with \"slots\", or \"texts\"", file, Path: where, Field: "texts"));

        var expect = Text(test["expect"]);
        if (kind == BehaviourTestKind.Mft && expect is null) errors.Add(new InputError("an mft test needs the label it expects", file, Path: where, Field: "expect"));
        Perturbation? perturbation = null;
        if (kind is BehaviourTestKind.Inv or BehaviourTestKind.Dir)
        {
            perturbation = ReadPerturbation(test["perturbation"], $"{where}.perturbation", file, errors);
            if (perturbation?.Kind == PerturbationKind.Synonyms && synonyms.Count == 0)
                errors.Add(new InputError("the synonyms perturbation needs the suite's \"synonyms\" list", file, Path: where, Field: "perturbation"));
        }
        var label = Text(test["label"]);
        if (kind == BehaviourTestKind.Dir && label is null) errors.Add(new InputError("a dir test needs the label whose score it watches", file, Path: where, Field: "label"));
        var direction = Text(test["direction"]) switch
        {
            null or "up" => ScoreDirection.Up,
            "down" => ScoreDirection.Down,
            var other => Wrong(ScoreDirection.Up, $"direction must be up or down (got '{other}')", file, where, "direction", errors),
        };
        var tolerance = OptionalDouble(test["tolerance"], where, "tolerance", file, errors) ?? 0;
        var maxCases = OptionalInt(test["max_cases"], where, "max_cases", file, errors) ?? 500;
        if (maxCases < 1) errors.Add(new InputError("max_cases must be at least 1", file, Path: where, Field: "max_cases"));
        if (errors.Count > before) return null;
        return new BehaviourTest
        {
            Name = name!,
            Kind = kind!.Value,
            Templates = templates,
            Slots = slots,
            Texts = texts,
            Expect = expect,
            Perturbation = perturbation,
            Label = label,
            Direction = direction,
            Tolerance = tolerance,
            MaxCases = maxCases,
        };
    }

    private static Perturbation? ReadPerturbation(JsonNode? node, string where, string? file, List<InputError> errors)
    {
        var settings = node as JsonObject;
        var kindText = settings is null ? Text(node) : Text(settings["kind"]);
        PerturbationKind? kind = kindText switch
        {
            "typos" => PerturbationKind.Typos,
            "punctuation" => PerturbationKind.Punctuation,
            "width" => PerturbationKind.Width,
            "traditional" => PerturbationKind.Traditional,
            "simplified" => PerturbationKind.Simplified,
            "synonyms" => PerturbationKind.Synonyms,
            "append" => PerturbationKind.Append,
            "prepend" => PerturbationKind.Prepend,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add(new InputError($"perturbation must be one of typos, punctuation, width, traditional, simplified, synonyms, append, prepend (got {node?.ToJsonString() ?? "nothing"})",
                file, Path: where, Field: "kind"));
            return null;
        }
        var count = OptionalInt(settings?["count"], where, "count", file, errors) ?? 1;
        var copies = OptionalInt(settings?["copies"], where, "copies", file, errors) ?? 1;
        if (count < 1 || copies < 1) errors.Add(new InputError("count and copies must be at least 1", file, Path: where, Field: count < 1 ? "count" : "copies"));
        var additions = StringList(settings?["add"], $"{where}.add", "add", file, errors);
        if (kind is PerturbationKind.Append or PerturbationKind.Prepend && additions.Count == 0)
            errors.Add(new InputError($"{kindText} needs \"add\": the texts to add", file, Path: where, Field: "add"));
        return new Perturbation(kind.Value, count, copies, additions);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> StringList(JsonNode? node, string where, string field, string? file, List<InputError> errors)
    {
        if (node is null) return [];
        if (node is JsonArray array && array.All(n => Text(n) is not null)) return [.. array.Select(n => Text(n)!)];
        errors.Add(new InputError($"{field} must be a list of strings", file, Path: where, Field: field));
        return [];
    }

    private static Dictionary<string, IReadOnlyList<string>> StringLists(JsonNode? node, string where, string field, string? file, List<InputError> errors)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null) return result;
        if (node is not JsonObject map)
        {
            errors.Add(new InputError($"{field} must map each name to a list of strings", file, Path: where, Field: field));
            return result;
        }
        foreach (var (key, value) in map) result[key] = StringList(value, $"{where}.{key}", field, file, errors);
        return result;
    }

    private static int? OptionalInt(JsonNode? node, string where, string field, string? file, List<InputError> errors)
    {
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<int>(out var number)) return number;
        errors.Add(new InputError($"{field} must be a whole number (got {node.ToJsonString()})", file, Path: where, Field: field));
        return null;
    }

    private static double? OptionalDouble(JsonNode? node, string where, string field, string? file, List<InputError> errors)
    {
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number) return value.GetValue<double>();
        errors.Add(new InputError($"{field} must be a number (got {node.ToJsonString(new JsonSerializerOptions())})", file, Path: where, Field: field));
        return null;
    }

    private static T Wrong<T>(T fallback, string message, string? file, string where, string field, List<InputError> errors)
    {
        errors.Add(new InputError(message, file, Path: where, Field: field));
        return fallback;
    }
}
