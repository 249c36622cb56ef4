namespace Laoshi.Learning.LabelErrors;

/// <summary>How suspects are ordered, most likely error first.</summary>
public enum LabelErrorRanking
{
    /// <summary>Score = 1 − the probability of the given label: the model's doubt in the label as given.</summary>
    SelfConfidence,

    /// <summary>
    /// Score = (best other class's probability − the given label's probability + 1) / 2: how far the model prefers
    /// another class, which separates "confidently another class" from "unsure among many" when there are several classes.
    /// </summary>
    NormalizedMargin,
}
