using Laoshi.Learning.External;

namespace Laoshi.Learning.Training;

/// <summary>
/// What a trainer is given: the examples, every class in the order the model reports them, whether an item may carry
/// several classes, the data field the trainer reads (text, image, audio) and where its answers go in the schema.
/// Training holds its examples in memory by nature; the stores stream them in and nothing else is kept.
/// </summary>
public sealed record TrainingSet(
    IReadOnlyList<TrainingExample> Examples, IReadOnlyList<string> Classes, bool MultiLabel, string DataField, ModelTarget Target)
{
    /// <summary>The same classes and settings over other examples (a fold, a split, a subsample).</summary>
    public TrainingSet With(IReadOnlyList<TrainingExample> examples) => this with { Examples = examples };
}
