using System.Text.Json.Nodes;

namespace Laoshi.Learning.Training;

/// <summary>
/// One setting a trainer declares: its name (as typed after --param), its type (<see cref="ParameterTypes"/>), its
/// default, the range a search draws from (Min..Max for numbers, on a log scale when LogScale; Choices for "choice"),
/// and a sentence of help shown by `laoshi trainers` and beside the UI form.
/// </summary>
public sealed record TrainerParameter(
    string Name, string Type, JsonNode? Default, string Help,
    double? Min = null, double? Max = null, IReadOnlyList<string>? Choices = null, bool LogScale = false);

/// <summary>The parameter types, as `laoshi trainers` and GET /api/v1/trainers spell them.</summary>
public static class ParameterTypes
{
    public const string Int = "int";
    public const string Float = "float";
    public const string Choice = "choice";
    public const string Bool = "bool";

    public static readonly IReadOnlyList<string> All = [Int, Float, Choice, Bool];
}
