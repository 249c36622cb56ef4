using System.Text.Json.Nodes;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// What a saved text-ngram model says about itself (manifest.json inside its file): the classes in score order,
/// whether it answers several classes per item, where its answers go, the parameters it was trained with, and for
/// multi-label, the fixed probability of any class that training saw always or never (no yes/no model can be fit there).
/// </summary>
internal sealed record TextNgramManifest(
    string Format,
    string Trainer,
    IReadOnlyList<string> Classes,
    bool MultiLabel,
    string DataField,
    string TargetControl,
    string TargetField,
    JsonObject Parameters,
    IReadOnlyList<double?> ConstantProbabilities)
{
    public const string CurrentFormat = "laoshi.text-ngram/1";
}
