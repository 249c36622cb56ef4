using Laoshi.Cleaning;
using Laoshi.Evaluation.Behaviour;

namespace Laoshi.Evaluation.Tests.Behaviour;

/// <summary>The real traditional ↔ simplified conversion (Laoshi.Cleaning's OpenCC tables) for the script perturbations.</summary>
internal sealed class CleaningScript : IChineseScriptConverter
{
    public string ToSimplified(string text) => ChineseScript.ToSimplified(text);
    public string ToTraditional(string text) => ChineseScript.ToTraditional(text);
}
