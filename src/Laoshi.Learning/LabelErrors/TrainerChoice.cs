using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.LabelErrors;

/// <summary>One trainer with the parameter values it trains with; several are averaged into one ensemble.</summary>
public sealed record TrainerChoice(ITrainer Trainer, ParameterValues Parameters)
{
    public static TrainerChoice WithDefaults(ITrainer trainer) => new(trainer, ParameterValues.Defaults(trainer.Parameters));

    /// <summary>
    /// The trainers named "a" or "a,b" (an ensemble), with parameter values given as a JSON object. Parameters go to a
    /// single trainer only: with an ensemble each trainer keeps its defaults, as one set of names rarely fits two trainers.
    /// </summary>
    public static IReadOnlyList<TrainerChoice> From(TrainerCatalog catalog, string names, JsonObject? parameters)
    {
        var trainers = Names(names).Select(catalog.Get).ToList();
        if (parameters is { Count: > 0 } && trainers.Count > 1)
            throw new BadInputException("parameters can be given to one trainer only, not to an ensemble", field: "params");
        return [.. trainers.Select(t => new TrainerChoice(t, parameters is null ? ParameterValues.Defaults(t.Parameters) : ParameterValues.From(parameters, t.Parameters)))];
    }

    /// <summary>As <see cref="From(TrainerCatalog, string, JsonObject?)"/> with the command line's name=value pairs.</summary>
    public static IReadOnlyList<TrainerChoice> From(TrainerCatalog catalog, string names, IReadOnlyList<string> pairs)
    {
        var trainers = Names(names).Select(catalog.Get).ToList();
        if (pairs.Count > 0 && trainers.Count > 1)
            throw new BadInputException("--param can be given to one trainer only, not to an ensemble", field: "param");
        return [.. trainers.Select(t => new TrainerChoice(t, ParameterValues.Parse(pairs, t.Parameters)))];
    }

    private static List<string> Names(string names)
    {
        var list = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        return list.Count > 0 ? list : throw new BadInputException("name a trainer (or several, comma-separated, for an ensemble)", field: "trainer");
    }
}
