using System.Text.Json.Nodes;
using Laoshi.Cleaning;

namespace Laoshi.CleaningBench;

/// <summary>Precision and recall per kind: a found match counts when its kind, start and length equal a labelled one.</summary>
internal static class PiiScore
{
    public static JsonObject Report(IReadOnlyList<LabelledText> labelled, IReadOnlyList<IReadOnlyList<PiiMatch>> found, double seconds)
    {
        var truePositives = new Dictionary<PiiKind, int>();
        var falsePositives = new Dictionary<PiiKind, int>();
        var falseNegatives = new Dictionary<PiiKind, int>();
        var examples = new JsonArray();
        var shown = new Dictionary<string, int>();
        bool Show(string key) => (shown[key] = shown.GetValueOrDefault(key) + 1) <= 3;
        for (var i = 0; i < labelled.Count; i++)
        {
            var truth = labelled[i].Truth.ToHashSet();
            var got = found[i].Select(m => (m.Kind, m.Start, m.Length)).ToHashSet();
            foreach (var match in got)
            {
                var hit = truth.Contains(match);
                Bump(hit ? truePositives : falsePositives, match.Kind);
                if (!hit && Show("false " + match.Kind)) examples.Add($"false {match.Kind.JsonName()}: {labelled[i].Text.Substring(match.Start, match.Length)} in {labelled[i].Text}");
            }
            foreach (var missed in truth.Where(t => !got.Contains(t)))
            {
                Bump(falseNegatives, missed.Kind);
                if (Show("missed " + missed.Kind)) examples.Add($"missed {missed.Kind.JsonName()}: {labelled[i].Text.Substring(missed.Start, missed.Length)} in {labelled[i].Text}");
            }
        }
        var perKind = new JsonObject();
        foreach (var kind in PiiKinds.All)
        {
            perKind[kind.JsonName()] = Scores(Get(truePositives, kind), Get(falsePositives, kind), Get(falseNegatives, kind));
        }
        var report = Scores(truePositives.Values.Sum(), falsePositives.Values.Sum(), falseNegatives.Values.Sum());
        report["texts"] = labelled.Count;
        report["seconds"] = Math.Round(seconds, 4);
        report["per_kind"] = perKind;
        report["examples_of_errors"] = examples;
        return report;
    }

    private static JsonObject Scores(int tp, int fp, int fn) => new()
    {
        ["labelled"] = tp + fn,
        ["found"] = tp + fp,
        ["correct"] = tp,
        ["precision"] = tp + fp == 0 ? 1 : Math.Round((double)tp / (tp + fp), 4),
        ["recall"] = tp + fn == 0 ? 1 : Math.Round((double)tp / (tp + fn), 4),
    };

    private static void Bump(Dictionary<PiiKind, int> counts, PiiKind kind) => counts[kind] = Get(counts, kind) + 1;

    private static int Get(Dictionary<PiiKind, int> counts, PiiKind kind) => counts.GetValueOrDefault(kind);
}
