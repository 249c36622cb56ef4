using System.Diagnostics;
using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Search;

/// <summary>
/// Searches a trainer's declared parameter ranges on the training examples, scoring each configuration by k-fold
/// cross-validation. Random search scores every configuration on all examples; successive halving scores many on a
/// small seeded sample and moves the best third on to three times as many examples, until the last rung uses all.
/// The first configuration is always the starting values, so a search never reports worse than the defaults it saw.
/// No trial starts after the time budget is spent; cancelling stops at once.
/// </summary>
public sealed class ParameterSearch(ITrainer trainer, SearchOptions options)
{
    private readonly SearchOptions _options = options.Checked();

    /// <param name="start">The values a trial starts from (defaults plus what the user gave).</param>
    /// <param name="fixedNames">Parameters the user set by hand: the search leaves them alone.</param>
    /// <param name="onTrial">Told of each finished trial (job logs, progress), with the number planned.</param>
    public async Task<SearchResult> RunAsync(TrainingSet train, ParameterValues start, IReadOnlySet<string> fixedNames, TrainingContext context,
        Func<SearchTrial, int, Task>? onTrial, CancellationToken cancellationToken)
    {
        var metric = TrainerScoring.Headline(trainer.Task, train);
        var sampler = new ParameterSampler(trainer.Parameters, fixedNames, _options.Seed);
        // With nothing to vary, one trial says all there is to say.
        var count = sampler.Searched.Count == 0 ? 1 : _options.Trials;
        var candidates = new List<ParameterValues> { start };
        while (candidates.Count < count) candidates.Add(start.With(sampler.Draw(), trainer.Parameters));

        var clock = Stopwatch.StartNew();
        var deadline = _options.Budget;
        var trials = new List<SearchTrial>();
        var budgetSpent = false;
        var plan = Plan(train.Examples.Count, candidates.Count, train.Classes.Count);
        var planned = plan.Sum(r => r.Configurations);
        var alive = Enumerable.Range(0, candidates.Count).ToList();
        var bestByRung = new List<(int Candidate, double Score)>();
        for (var rung = 0; rung < plan.Count && alive.Count > 0 && !budgetSpent; rung++)
        {
            var examples = plan[rung].Examples;
            var sample = train.With(DataSplit.Sample(train.Examples, examples, _options.Seed + rung));
            var scored = new List<(int Candidate, double Score)>();
            foreach (var candidate in alive)
            {
                if (deadline is { } budget && clock.Elapsed >= budget && trials.Count > 0)
                {
                    budgetSpent = true;
                    break;
                }
                var trial = await TrialAsync(trials.Count, candidates[candidate], sample, rung, metric, context, cancellationToken);
                trials.Add(trial);
                if (trial.Score is { } score) scored.Add((candidate, score));
                if (onTrial is not null) await onTrial(trial, planned);
            }
            if (scored.Count == 0) break;
            // Ties go to the earlier configuration: the starting values win a tie.
            var ranked = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate).ToList();
            bestByRung.Add(ranked[0]);
            var keep = rung + 1 < plan.Count ? plan[rung + 1].Configurations : 0;
            alive = [.. ranked.Take(keep).Select(s => s.Candidate)];
        }
        var best = bestByRung.Count > 0 ? bestByRung[^1] : ((int Candidate, double Score)?)null;
        return new SearchResult(_options.Method, metric, (best is { } b ? candidates[b.Candidate] : start).ToJson(), best?.Score, trials, budgetSpent);
    }

    /// <summary>Examples and configurations per rung: one rung for random search; for halving, rungs growing by Eta up to all examples.</summary>
    private List<(int Examples, int Configurations)> Plan(int examples, int configurations, int classes)
    {
        if (_options.Method == SearchMethods.Random || configurations == 1) return [(examples, configurations)];
        var rungs = 1;
        while (Math.Pow(SearchOptions.Eta, rungs) <= configurations) rungs++;
        // Every fold of the smallest rung should still see each class a few times.
        var smallest = Math.Min(examples, Math.Max(_options.Folds * classes * 2, 20));
        var plan = new List<(int, int)>();
        for (var rung = 0; rung < rungs; rung++)
        {
            var share = Math.Pow(SearchOptions.Eta, rung - (rungs - 1));
            var n = Math.Clamp((int)Math.Round(examples * share), smallest, examples);
            var k = Math.Max(1, (int)Math.Floor(configurations / Math.Pow(SearchOptions.Eta, rung)));
            plan.Add((n, k));
        }
        return plan;
    }

    private async Task<SearchTrial> TrialAsync(int index, ParameterValues values, TrainingSet sample, int rung, string metric, TrainingContext context,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var scores = new List<double>();
        try
        {
            var folds = Math.Min(_options.Folds, Math.Max(2, sample.Examples.Count / 2));
            foreach (var (trainPart, testPart) in DataSplit.KFold(sample.Examples, folds, _options.Seed))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (testPart.Count == 0 || trainPart.Count == 0) continue;
                // Trials report through the search, not each training's own progress.
                var quiet = context with { Progress = null };
                await using var model = await trainer.TrainAsync(sample.With(trainPart), values, quiet, cancellationToken);
                var metrics = await TrainerScoring.ScoreAsync(model, sample.With(testPart), trainer.Task, cancellationToken);
                scores.Add(metrics[metric]?.GetValue<double>() ?? 0);
            }
            return new SearchTrial(index, values.ToJson(), scores, scores.Count == 0 ? null : scores.Average(), sample.Examples.Count, rung, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One configuration failing (a learner refusing a combination) is a row in the table, not the end of the search.
            return new SearchTrial(index, values.ToJson(), scores, null, sample.Examples.Count, rung, clock.Elapsed.TotalSeconds, e.Message);
        }
    }
}
