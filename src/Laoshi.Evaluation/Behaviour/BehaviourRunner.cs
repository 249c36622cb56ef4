using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;

namespace Laoshi.Evaluation.Behaviour;

/// <summary>How a suite is run: batch size of model calls, how many failing examples each test keeps, and the script converter.</summary>
public sealed record BehaviourRunOptions
{
    public int BatchSize { get; init; } = 32;
    public int MaxExamples { get; init; } = 10;
    public IChineseScriptConverter? ChineseScript { get; init; }
}

/// <summary>
/// Runs a CheckList-style suite against a model: generates each test's cases (templates, then perturbations, seeded),
/// asks the model in batches (each distinct text once), and counts the failures with examples.
/// </summary>
public sealed class BehaviourRunner(IItemModel model, BehaviourRunOptions? options = null)
{
    private readonly BehaviourRunOptions _options = options ?? new BehaviourRunOptions();

    private sealed record Answer(string? Label, IReadOnlyDictionary<string, double>? Scores);

    public async Task<BehaviourReport> RunAsync(BehaviourSuite suite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (_options.BatchSize < 1) throw new BadInputException("the batch size must be at least 1", field: "batch_size");
        var perturber = new TextPerturber(suite.Synonyms, _options.ChineseScript);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var results = new List<BehaviourTestResult>(suite.Tests.Count);
        for (var t = 0; t < suite.Tests.Count; t++)
        {
            var test = suite.Tests[t];
            // Each test has its own seeded stream (not HashCode, which changes per process), so adding a test does not change the cases of the others.
            var random = new Random(unchecked(suite.Seed * 7919 + t));
            var texts = test.Templates.Count > 0
                ? TemplateExpander.Expand(test.Templates, test.Slots, test.MaxCases, random)
                : Limit(test.Texts, test.MaxCases, random);
            var pairs = new List<(string Text, IReadOnlyList<string> Variants)>(texts.Count);
            foreach (var text in texts)
                pairs.Add((text, test.Kind == BehaviourTestKind.Mft ? [] : perturber.Apply(text, test.Perturbation!, random)));
            if (test.Kind != BehaviourTestKind.Mft) pairs.RemoveAll(p => p.Variants.Count == 0);

            await AskAsync(suite, pairs.SelectMany(p => p.Variants.Prepend(p.Text)), answers, cancellationToken);
            results.Add(Score(test, pairs, answers));
        }
        return new BehaviourReport(suite.Name, model.Version, results);
    }

    private static IReadOnlyList<string> Limit(IReadOnlyList<string> texts, int limit, Random random)
    {
        if (texts.Count <= limit) return texts;
        var indices = Enumerable.Range(0, texts.Count).ToArray();
        random.Shuffle(indices);
        return [.. indices.Take(limit).Order().Select(i => texts[i])];
    }

    private BehaviourTestResult Score(BehaviourTest test, List<(string Text, IReadOnlyList<string> Variants)> pairs, Dictionary<string, Answer> answers)
    {
        var failed = 0;
        var examples = new List<BehaviourExample>();
        foreach (var (text, variants) in pairs)
        {
            var before = answers[text];
            BehaviourExample? failure = null;
            switch (test.Kind)
            {
                case BehaviourTestKind.Mft:
                    if (before.Label != test.Expect) failure = new BehaviourExample(text, null, test.Expect, before.Label, null);
                    break;
                case BehaviourTestKind.Inv:
                    foreach (var variant in variants)
                    {
                        var after = answers[variant];
                        if (after.Label == before.Label) continue;
                        failure = new BehaviourExample(text, variant, before.Label, before.Label, after.Label);
                        break;
                    }
                    break;
                default:
                    var scoreBefore = ScoreOf(before, test.Label!, text);
                    foreach (var variant in variants)
                    {
                        var scoreAfter = ScoreOf(answers[variant], test.Label!, variant);
                        var wrongWay = test.Direction == ScoreDirection.Up
                            ? scoreAfter < scoreBefore - test.Tolerance
                            : scoreAfter > scoreBefore + test.Tolerance;
                        if (!wrongWay) continue;
                        failure = new BehaviourExample(text, variant, $"{test.Label} {(test.Direction == ScoreDirection.Up ? "up" : "down")}",
                            before.Label, answers[variant].Label, scoreBefore, scoreAfter);
                        break;
                    }
                    break;
            }
            if (failure is null) continue;
            failed++;
            if (examples.Count < _options.MaxExamples) examples.Add(failure);
        }
        return new BehaviourTestResult(test.Name, test.Kind, pairs.Count, failed, examples);
    }

    private double ScoreOf(Answer answer, string label, string text) =>
        answer.Scores is { } scores && scores.TryGetValue(label, out var score)
            ? score
            : throw new BadInputException($"model {model.Version} gave no score for class '{label}' on \"{text}\"; directional tests need class scores", field: "label");

    private async Task AskAsync(BehaviourSuite suite, IEnumerable<string> texts, Dictionary<string, Answer> answers, CancellationToken cancellationToken)
    {
        var pending = texts.Where(t => !answers.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in pending.Chunk(_options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inputs = batch.Select((text, i) => new ModelInput($"behaviour-{answers.Count + i}", new JsonObject { [suite.Field] = text })).ToList();
            var replies = await model.PredictAsync(inputs, cancellationToken);
            if (replies.Count != inputs.Count)
                throw new InvalidOperationException($"model {model.Version} answered {replies.Count} of {inputs.Count} inputs");
            for (var i = 0; i < batch.Length; i++) answers[batch[i]] = Read(replies[i], suite.Control);
        }
    }

    /// <summary>The answer's label: the first choice of the suite's control (or of any control), else the highest class score.</summary>
    private static Answer Read(ModelAnswer reply, string? control)
    {
        var region = reply.Regions.FirstOrDefault(r => r.Labels.Count > 0 && (control is null || r.FromName == control));
        var label = region?.Labels[0];
        if (label is null && reply.ClassScores is { Count: > 0 } scores) label = scores.MaxBy(s => s.Value).Key;
        return new Answer(label, reply.ClassScores);
    }
}
