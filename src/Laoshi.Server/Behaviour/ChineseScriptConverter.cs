using Laoshi.Cleaning;
using Laoshi.Evaluation.Behaviour;

namespace Laoshi.Server.Behaviour;

/// <summary>Hands Laoshi.Cleaning's traditional ↔ simplified conversion to behaviour suites (Evaluation itself depends only on Core).</summary>
public sealed class ChineseScriptConverter : IChineseScriptConverter
{
    public string ToSimplified(string text) => ChineseScript.ToSimplified(text);

    public string ToTraditional(string text) => ChineseScript.ToTraditional(text);
}
