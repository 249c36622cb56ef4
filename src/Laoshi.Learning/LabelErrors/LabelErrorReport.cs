namespace Laoshi.Learning.LabelErrors;

/// <summary>
/// What confident learning found: the suspects, most likely error first; each class's confidence threshold (the mean
/// probability the model gives that class on examples labelled with it; NaN for a class no example carries); and the
/// confident joint, ConfidentJoint[given][true] = how many examples labelled `given` the model confidently puts in `true`.
/// </summary>
public sealed record LabelErrorReport(
    IReadOnlyList<string> Classes,
    IReadOnlyList<LabelSuspect> Suspects,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<IReadOnlyList<int>> ConfidentJoint,
    int Examples);
