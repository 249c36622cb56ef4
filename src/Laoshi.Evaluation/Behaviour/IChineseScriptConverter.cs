namespace Laoshi.Evaluation.Behaviour;

/// <summary>
/// Traditional ↔ simplified conversion for the script perturbations. Evaluation depends only on Core, so the
/// conversion (Laoshi.Cleaning's ChineseScript) is handed in by whoever runs a suite.
/// </summary>
public interface IChineseScriptConverter
{
    string ToSimplified(string text);
    string ToTraditional(string text);
}
