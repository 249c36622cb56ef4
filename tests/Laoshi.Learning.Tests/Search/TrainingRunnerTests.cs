using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Search;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Search;

public sealed class TrainingRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_holds_out_a_seeded_share_and_reports_the_evaluation_metric_names()
    {
        var trainer = new WordCountTrainer();
        var data = SearchData.Sentiment(100);
        var options = new TrainingRunOptions(ParameterValues.Defaults(trainer.Parameters), new HashSet<string>(), Seed: 3, TestShare: 0.2, Curve: true);

        var result = await TrainingRunner.RunAsync(trainer, data, options, SearchData.Context(), null, Ct);
        var again = await TrainingRunner.RunAsync(trainer, data, options, SearchData.Context(), null, Ct);

        Assert.Equal((80, 20), (result.TrainExamples, result.TestExamples));
        Assert.InRange(result.Metrics["accuracy"]!.GetValue<double>(), 0.8, 1.0);
        foreach (var name in new[] { "f1_macro", "f1_micro", "precision_macro", "recall_macro" }) Assert.NotNull(result.Metrics[name]);
        Assert.NotNull(result.Metrics["per_class"]!["positive"]!["f1"]);
        Assert.False(result.Metrics.ContainsKey("curves"));
        Assert.Equal(result.Metrics.ToJsonString(), again.Metrics.ToJsonString());
        // The learning curve trains on 25, 50 and 100 % of the training part and scores on the same test part.
        Assert.Equal([20, 40, 80], result.Curve!.Select(p => p!["examples"]!.GetValue<int>()));
        Assert.Equal(result.Metrics["accuracy"]!.GetValue<double>(), result.Curve![2]!["accuracy"]!.GetValue<double>());
        Assert.Null(result.Search);
    }

    [Fact]
    public async Task A_run_with_a_search_trains_its_model_with_the_best_values()
    {
        var trainer = new WordCountTrainer();
        var options = new TrainingRunOptions(ParameterValues.Defaults(trainer.Parameters), new HashSet<string>(), Seed: 1,
            Search: new SearchOptions(SearchMethods.Random, Trials: 4, Folds: 2));

        var result = await TrainingRunner.RunAsync(trainer, SearchData.Sentiment(60), options, SearchData.Context(), null, Ct);

        Assert.NotNull(result.Search);
        Assert.Equal(4, result.Search.Trials.Count);
        Assert.True(JsonNode.DeepEquals(result.Search.BestParameters, result.Parameters));
        Assert.All(result.Search.Trials, t => Assert.Equal(48, t.Examples));
    }

    [Fact]
    public async Task Span_models_are_scored_with_precision_recall_and_f1_of_exact_spans()
    {
        var test = new TrainingSet(
            [
                new TrainingExample("a", new JsonObject { ["text"] = "Ann lives in Rome" }, ["PER", "LOC"], [new LabelledSpan(0, 3, "PER"), new LabelledSpan(13, 17, "LOC")]),
                new TrainingExample("b", new JsonObject { ["text"] = "Bo lives in Oslo" }, ["PER", "LOC"], [new LabelledSpan(0, 2, "PER"), new LabelledSpan(12, 16, "LOC")]),
            ], ["LOC", "PER"], false, "text", new ModelTarget("entities", "text"));
        // It finds both people, one place exactly and one place a character short.
        var model = new FixedSpans(new()
        {
            ["a"] = [(0, 3, "PER"), (13, 17, "LOC")],
            ["b"] = [(0, 2, "PER"), (12, 15, "LOC")],
        });

        var metrics = await TrainerScoring.ScoreAsync(model, test, TrainerTasks.Ner, Ct);

        Assert.Equal((0.75, 0.75, 0.75), (metrics["precision"]!.GetValue<double>(), metrics["recall"]!.GetValue<double>(), metrics["f1"]!.GetValue<double>()));
        Assert.Equal("f1", TrainerScoring.Headline(TrainerTasks.Ner, test));
    }

    private sealed class FixedSpans(Dictionary<string, (int Start, int End, string Label)[]> spans) : ITrainedModel
    {
        public string Version => "fixed";
        public string Trainer => "fixed";
        public IReadOnlyList<string> Classes => ["LOC", "PER"];

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ModelAnswer>>([.. inputs.Select(i => new ModelAnswer(i.ItemId, [.. spans[i.ItemId].Select((s, n) => new Region
            {
                Id = $"{i.ItemId}{n}", FromName = "entities", ToName = "text", Type = RegionTypes.Labels, Start = s.Start, End = s.End, Labels = [s.Label],
            })]))]);

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
