using Laoshi.Learning.Training;

namespace Laoshi.Learning.LabelErrors;

/// <summary>One trainer with the parameter values it trains with; several are averaged into one ensemble.</summary>
public sealed record TrainerChoice(ITrainer Trainer, ParameterValues Parameters)
{
    public static TrainerChoice WithDefaults(ITrainer trainer) => new(trainer, ParameterValues.Defaults(trainer.Parameters));
}
