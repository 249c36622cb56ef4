using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Search;

/// <summary>
/// Draws parameter values from the declared ranges: numbers uniformly between Min and Max (uniformly in the logarithm
/// when the parameter is on a log scale), a choice among the choices, a bool by a coin. Parameters the user fixed and
/// numbers without a range keep their value. The same seed draws the same configurations.
/// </summary>
public sealed class ParameterSampler(IReadOnlyList<TrainerParameter> declared, IReadOnlySet<string> fixedNames, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The parameters a search varies.</summary>
    public IReadOnlyList<TrainerParameter> Searched { get; } =
        [.. declared.Where(p => !fixedNames.Contains(p.Name) && IsSearchable(p))];

    public JsonObject Draw()
    {
        var drawn = new JsonObject();
        foreach (var parameter in Searched) drawn[parameter.Name] = DrawOne(parameter);
        return drawn;
    }

    private static bool IsSearchable(TrainerParameter p) => p.Type switch
    {
        ParameterTypes.Int or ParameterTypes.Float => p.Min is not null && p.Max is not null && p.Max > p.Min,
        ParameterTypes.Choice => p.Choices is { Count: > 1 },
        ParameterTypes.Bool => true,
        _ => false,
    };

    private JsonNode DrawOne(TrainerParameter p)
    {
        switch (p.Type)
        {
            case ParameterTypes.Choice:
                return JsonValue.Create(p.Choices![_random.Next(p.Choices.Count)]);
            case ParameterTypes.Bool:
                return JsonValue.Create(_random.Next(2) == 1);
            default:
                var (min, max) = (p.Min!.Value, p.Max!.Value);
                double value;
                if (p.LogScale && min > 0)
                    value = Math.Exp(Math.Log(min) + _random.NextDouble() * (Math.Log(max) - Math.Log(min)));
                else if (p.Type == ParameterTypes.Int)
                    return JsonValue.Create(_random.Next((int)Math.Ceiling(min), (int)Math.Floor(max) + 1));
                else
                    value = min + _random.NextDouble() * (max - min);
                if (p.Type == ParameterTypes.Int) return JsonValue.Create((int)Math.Clamp(Math.Round(value), Math.Ceiling(min), Math.Floor(max)));
                // Four significant digits: enough to tell trials apart, short enough to read in the trial table.
                return JsonValue.Create(Math.Clamp(RoundSignificant(value, 4), min, max));
        }
    }

    private static double RoundSignificant(double value, int digits)
    {
        if (value == 0) return 0;
        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value * scale) / scale;
    }
}
