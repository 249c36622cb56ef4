namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// One example as label-error detection sees it: the label it was given and a model's probability for every class
/// (in the order of the class list it comes with), predicted by a model that never saw this example in training.
/// </summary>
public sealed record LabelledProbabilities(string Id, string Given, IReadOnlyList<double> Probabilities);
