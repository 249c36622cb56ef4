using System.Diagnostics;
using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Search;

/// <summary>
/// What one training run is asked: parameter values (defaults plus those given; Given names the ones the user set,
/// which a search leaves alone), the seed, the share of examples held out for testing, whether to draw a learning
/// curve, and a search (or none).
/// </summary>
public sealed record TrainingRunOptions(
    ParameterValues Parameters, IReadOnlySet<string> Given, int Seed = 1, double TestShare = 0.2, bool Curve = false, SearchOptions? Search = null);

/// <summary>
/// The outcome of a run: the model trained on the whole training part with the chosen values, its held-out metrics,
/// the search (when one ran), the learning curve (when asked, or from halving's rungs) and the sizes of the parts.
/// </summary>
public sealed record TrainingRunResult(
    ITrainedModel Model, JsonObject Parameters, JsonObject Metrics, SearchResult? Search, JsonArray? Curve, int TrainExamples, int TestExamples,
    TimeSpan Duration);

/// <summary>
/// Runs training as the issue describes it, for the server's jobs and the command line alike: split the examples
/// reproducibly (seeded, stratified), search the parameters on the training part when asked, train on the training
/// part, and score on the held-out part with the evaluation's metric names.
/// </summary>
public static class TrainingRunner
{
    public static async Task<TrainingRunResult> RunAsync(ITrainer trainer, TrainingSet data, TrainingRunOptions options, TrainingContext context,
        Func<SearchTrial, int, Task>? onTrial, CancellationToken cancellationToken)
    {
        if (options.TestShare is <= 0 or >= 1)
            throw new Core.Errors.BadInputException($"test_share must be between 0 and 1 (exclusive), not {options.TestShare}", path: "$.test_share", field: "test_share");
        if (data.Examples.Count < 4)
            throw new Core.Errors.BadInputException($"training needs at least 4 labelled examples; the data has {data.Examples.Count}", field: "snapshot");
        var clock = Stopwatch.StartNew();
        var (trainPart, testPart) = DataSplit.Holdout(data.Examples, options.TestShare, options.Seed);
        var train = data.With(trainPart);
        var test = data.With(testPart);
        context = context with { Seed = options.Seed };

        var values = options.Parameters;
        SearchResult? search = null;
        if (options.Search is { } searchOptions)
        {
            search = await new ParameterSearch(trainer, searchOptions with { Seed = options.Seed }).RunAsync(train, values, options.Given,
                context with { Progress = null }, onTrial, cancellationToken);
            values = ParameterValues.From(search.BestParameters, trainer.Parameters);
        }

        context.Progress?.Report(new TrainingProgress(0, $"training {trainer.Name} on {train.Examples.Count} examples"));
        var model = await trainer.TrainAsync(train, values, context, cancellationToken);
        try
        {
            var metrics = await TrainerScoring.ScoreAsync(model, test, trainer.Task, cancellationToken);
            metrics["train_examples"] = train.Examples.Count;
            JsonArray? curve = null;
            if (options.Curve)
                curve = await LearningCurve.ComputeAsync(trainer, train, test, values, context, metrics, cancellationToken);
            else if (search is { Method: SearchMethods.Halving })
                curve = LearningCurve.FromRungs(search);
            return new TrainingRunResult(model, values.ToJson(), metrics, search, curve, train.Examples.Count, test.Examples.Count, clock.Elapsed);
        }
        catch
        {
            await model.DisposeAsync();
            throw;
        }
    }
}
