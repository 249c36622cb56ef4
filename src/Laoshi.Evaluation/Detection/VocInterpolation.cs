namespace Laoshi.Evaluation.Detection;

/// <summary>How VOC turns a precision/recall curve into AP.</summary>
public enum VocInterpolation
{
    /// <summary>Area under the monotone precision envelope at every recall step (VOC 2010 and later).</summary>
    AllPoints,
    /// <summary>Mean of the envelope at recall 0, 0.1, ..., 1 (VOC 2007).</summary>
    ElevenPoint,
}
