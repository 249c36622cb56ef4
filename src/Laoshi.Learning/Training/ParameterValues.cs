using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;

namespace Laoshi.Learning.Training;

/// <summary>
/// The values one training uses: every declared parameter, given or defaulted, checked against its type and range.
/// Parsed from `--param name=value` or from a JSON object; an unknown name or a value out of range is an error that
/// names the parameter.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, JsonNode?> _values;

    private ParameterValues(Dictionary<string, JsonNode?> values) => _values = values;

    public IReadOnlyDictionary<string, JsonNode?> Values => _values;

    public static ParameterValues Defaults(IReadOnlyList<TrainerParameter> declared) => From(new JsonObject(), declared);

    /// <summary>Reads "name=value" pairs (the CLI's --param).</summary>
    public static ParameterValues Parse(IEnumerable<string> pairs, IReadOnlyList<TrainerParameter> declared)
    {
        var given = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new BadInputException($"'{pair}': a parameter is written name=value", field: "param");
            given[pair[..eq].Trim()] = JsonValue.Create(pair[(eq + 1)..].Trim());
        }
        return From(given, declared);
    }

    /// <summary>Reads a JSON object of name → value (the API's "params"); strings are converted as on the command line.</summary>
    public static ParameterValues From(JsonObject given, IReadOnlyList<TrainerParameter> declared)
    {
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, _) in given)
            if (!byName.ContainsKey(name))
                throw new BadInputException(
                    $"unknown parameter '{name}'; this trainer takes: {string.Join(", ", declared.Select(p => p.Name))}",
                    path: $"$.params.{name}", field: name);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var parameter in declared)
            values[parameter.Name] = given.TryGetPropertyValue(parameter.Name, out var value) && value is not null
                ? Checked(parameter, value)
                : parameter.Default?.DeepClone();
        return new ParameterValues(values);
    }

    public int Int(string name) => (int)Number(name);

    public double Float(string name) => Number(name);

    public bool Bool(string name) => _values.TryGetValue(name, out var v) && v is JsonValue value && value.TryGetValue<bool>(out var b)
        ? b : throw new ArgumentException($"parameter '{name}' is not a declared bool", nameof(name));

    public string Choice(string name) => _values.TryGetValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s)
        ? s : throw new ArgumentException($"parameter '{name}' is not a declared choice", nameof(name));

    /// <summary>A copy with some values replaced (a search's trial); the replacements are checked like given values.</summary>
    public ParameterValues With(JsonObject changes, IReadOnlyList<TrainerParameter> declared)
    {
        var merged = ToJson();
        foreach (var (name, value) in changes) merged[name] = value?.DeepClone();
        return From(merged, declared);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (name, value) in _values) json[name] = value?.DeepClone();
        return json;
    }

    // A JsonValue made from an int refuses TryGetValue<double>, so numbers are read through their JSON text.
    private double Number(string name) =>
        _values.TryGetValue(name, out var v) && v is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"parameter '{name}' is not a declared number", nameof(name));

    private static JsonNode Checked(TrainerParameter parameter, JsonNode value)
    {
        var path = $"$.params.{parameter.Name}";
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        switch (parameter.Type)
        {
            case ParameterTypes.Int:
            case ParameterTypes.Float:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    throw new BadInputException($"parameter '{parameter.Name}' must be a number, not '{text}'", path: path, field: parameter.Name);
                if (parameter.Type == ParameterTypes.Int && number != Math.Floor(number))
                    throw new BadInputException($"parameter '{parameter.Name}' must be a whole number, not '{text}'", path: path, field: parameter.Name);
                if (number < parameter.Min || number > parameter.Max)
                    throw new BadInputException(
                        $"parameter '{parameter.Name}' must be {parameter.Min?.ToString(CultureInfo.InvariantCulture)} to {parameter.Max?.ToString(CultureInfo.InvariantCulture)}, not {text}",
                        path: path, field: parameter.Name);
                return parameter.Type == ParameterTypes.Int ? JsonValue.Create((int)number) : JsonValue.Create(number);
            case ParameterTypes.Bool:
                return bool.TryParse(text, out var flag)
                    ? JsonValue.Create(flag)
                    : throw new BadInputException($"parameter '{parameter.Name}' must be true or false, not '{text}'", path: path, field: parameter.Name);
            case ParameterTypes.Choice:
                return parameter.Choices is { } choices && choices.Contains(text, StringComparer.Ordinal)
                    ? JsonValue.Create(text)
                    : throw new BadInputException(
                        $"parameter '{parameter.Name}' must be one of: {string.Join(", ", parameter.Choices ?? [])}; not '{text}'", path: path, field: parameter.Name);
            default:
                throw new InvalidOperationException($"parameter '{parameter.Name}' declares an unknown type '{parameter.Type}'");
        }
    }
}
