namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// An example whose label is likely wrong: the label it was given, the label the model is confident of instead, and how
/// likely an error it is (0..1, higher is more likely; see <see cref="LabelErrorRanking"/>).
/// </summary>
public sealed record LabelSuspect(string Id, string Given, string Suggested, double Score);
