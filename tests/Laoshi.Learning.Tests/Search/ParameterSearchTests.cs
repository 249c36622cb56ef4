using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Search;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Search;

public sealed class ParameterSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlySet<string> None => new HashSet<string>();

    [Fact]
    public async Task Random_search_cross_validates_every_configuration_and_keeps_the_best_with_the_whole_trial_table()
    {
        var trainer = new WordCountTrainer();
        var data = SearchData.Sentiment(60);
        var start = ParameterValues.Defaults(trainer.Parameters);

        var result = await new ParameterSearch(trainer, new SearchOptions(SearchMethods.Random, Trials: 6, Folds: 3, Seed: 5))
            .RunAsync(data, start, None, SearchData.Context(), null, Ct);

        Assert.Equal(("random", "f1_macro", 6), (result.Method, result.Metric, result.Trials.Count));
        Assert.All(result.Trials, t => Assert.Equal((3, 60, 0), (t.Scores.Count, t.Examples, t.Rung)));
        Assert.All(result.Trials, t => Assert.Equal(t.Scores.Average(), t.Score!.Value, 9));
        // The first trial is the starting values; the others are drawn within the declared ranges.
        Assert.True(JsonNode.DeepEquals(start.ToJson(), result.Trials[0].Parameters));
        Assert.All(result.Trials, t => Assert.InRange(t.Parameters["alpha"]!.GetValue<double>(), 0.001, 1000));
        Assert.All(result.Trials, t => Assert.InRange(t.Parameters["min_count"]!.GetValue<int>(), 1, 5));
        Assert.Equal(result.Trials.Max(t => t.Score), result.BestScore);
        var best = result.Trials.First(t => t.Score == result.BestScore);
        Assert.True(JsonNode.DeepEquals(best.Parameters, result.BestParameters));
        Assert.Equal(6 * 3, trainer.Trainings);
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_trials_and_another_seed_draws_others()
    {
        var trainer = new WordCountTrainer();
        var data = SearchData.Sentiment(40);
        var start = ParameterValues.Defaults(trainer.Parameters);
        async Task<string> TrialsAsync(int seed) => (await new ParameterSearch(trainer, new SearchOptions(SearchMethods.Random, 4, 2, Seed: seed))
            .RunAsync(data, start, None, SearchData.Context(), null, Ct)).TrialsJson().ToJsonString()
            .Split("\"seconds\"")[0];

        var first = await TrialsAsync(3);
        Assert.Equal(first, await TrialsAsync(3));
        Assert.NotEqual(first, await TrialsAsync(4));
    }

    [Fact]
    public async Task Successive_halving_gives_the_best_third_three_times_the_examples_until_all_are_used()
    {
        var trainer = new WordCountTrainer();
        var data = SearchData.Sentiment(180);
        var trials = new List<SearchTrial>();

        var result = await new ParameterSearch(trainer, new SearchOptions(SearchMethods.Halving, Trials: 9, Folds: 2, Seed: 2))
            .RunAsync(data, ParameterValues.Defaults(trainer.Parameters), None, SearchData.Context(),
                (trial, planned) =>
                {
                    trials.Add(trial);
                    Assert.Equal(9 + 3 + 1, planned);
                    return Task.CompletedTask;
                }, Ct);

        var rungs = result.Trials.GroupBy(t => t.Rung).OrderBy(g => g.Key).Select(g => (Count: g.Count(), Examples: g.First().Examples)).ToList();
        Assert.Equal([(9, 20), (3, 60), (1, 180)], rungs);
        Assert.Equal(result.Trials.Count, trials.Count);
        // The configuration promoted to the last rung is one of the best three of the middle rung.
        var middle = result.Trials.Where(t => t.Rung == 1).ToList();
        var last = result.Trials.Single(t => t.Rung == 2);
        Assert.Contains(middle, t => JsonNode.DeepEquals(t.Parameters, last.Parameters));
        Assert.True(JsonNode.DeepEquals(last.Parameters, result.BestParameters));
        var curve = LearningCurve.FromRungs(result);
        Assert.Equal([20, 60, 180], curve.Select(p => p!["examples"]!.GetValue<int>()));
    }

    [Fact]
    public async Task No_trial_starts_once_the_time_budget_is_spent()
    {
        var trainer = new WordCountTrainer();
        var result = await new ParameterSearch(trainer, new SearchOptions(SearchMethods.Random, Trials: 50, Folds: 2, Budget: TimeSpan.FromTicks(1)))
            .RunAsync(SearchData.Sentiment(40), ParameterValues.Defaults(trainer.Parameters), None, SearchData.Context(), null, Ct);

        Assert.Single(result.Trials);
        Assert.True(result.BudgetSpent);
        Assert.NotNull(result.BestScore);
    }

    [Fact]
    public async Task Parameters_the_user_fixed_are_left_alone()
    {
        var trainer = new WordCountTrainer();
        var start = ParameterValues.Parse(["alpha=0.5", "prior=uniform"], trainer.Parameters);
        var result = await new ParameterSearch(trainer, new SearchOptions(SearchMethods.Random, Trials: 5, Folds: 2))
            .RunAsync(SearchData.Sentiment(30), start, new HashSet<string> { "alpha", "prior" }, SearchData.Context(), null, Ct);

        Assert.All(result.Trials, t => Assert.Equal((0.5, "uniform"), (t.Parameters["alpha"]!.GetValue<double>(), t.Parameters["prior"]!.GetValue<string>())));
        Assert.True(result.Trials.Select(t => t.Parameters["min_count"]!.GetValue<int>()).Distinct().Count() > 1);
    }

    [Fact]
    public void Log_scale_ranges_are_drawn_evenly_in_the_logarithm()
    {
        var declared = new WordCountTrainer().Parameters;
        var sampler = new ParameterSampler(declared, new HashSet<string>(), seed: 11);
        var alphas = Enumerable.Range(0, 400).Select(_ => sampler.Draw()["alpha"]!.GetValue<double>()).ToList();

        // 0.001 … 1000 evenly in the logarithm: about half below 1, and every decade visited.
        Assert.InRange(alphas.Count(a => a < 1), 150, 250);
        Assert.All(new[] { 0.001, 0.01, 0.1, 1, 10, 100 }, low => Assert.Contains(alphas, a => a >= low && a < low * 10));
    }

    [Theory]
    [InlineData("grid", "method")]
    [InlineData("random", "folds")]
    public void Bad_search_options_name_the_option(string method, string field)
    {
        var error = Assert.Throws<BadInputException>(() => new SearchOptions(method, Trials: 5, Folds: field == "folds" ? 1 : 3).Checked());
        Assert.Contains(field, error.Errors[0].Field);
    }
}
