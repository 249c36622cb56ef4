using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Active;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Active;

public sealed class SimulationTests
{
    // Sentences whose class shows in one cue word among shared filler; some are cue-less (hard) ones.
    internal static TrainingSet Sentences(int n, int seed)
    {
        var random = new Random(seed);
        string[] filler = ["the", "a", "movie", "food", "was", "really", "quite", "and", "it", "service"];
        string[] good = ["great", "lovely", "excellent", "superb"];
        string[] bad = ["awful", "terrible", "poor", "boring"];
        var examples = Enumerable.Range(0, n).Select(i =>
        {
            var label = i % 2 == 0 ? "pos" : "neg";
            var words = Enumerable.Range(0, 5).Select(_ => filler[random.Next(filler.Length)]).ToList();
            words.Insert(random.Next(words.Count), (label == "pos" ? good : bad)[random.Next(4)]);
            return new TrainingExample($"s{i}", new JsonObject { ["text"] = string.Join(' ', words) }, [label]);
        }).ToList();
        return new TrainingSet(examples, ["neg", "pos"], false, "text", new ModelTarget("label", "text"));
    }

    private static ActiveLearningSimulation Simulation(ITrainer trainer) =>
        new(trainer, ParameterValues.Defaults(trainer.Parameters), new TrainingContext(1, new FileMediaSource(Path.GetTempPath())));

    [Theory]
    [InlineData("random")]
    [InlineData("least-confidence")]
    [InlineData("margin")]
    [InlineData("entropy")]
    [InlineData("diversity")]
    public async Task The_curve_grows_by_a_batch_a_round_until_the_budget(string strategy)
    {
        var trainer = new WordCountTrainer();
        var curve = await Simulation(trainer).RunAsync(Sentences(200, 1),
            new SimulationOptions(strategy, Seed: 2, Batch: 15, Budget: 70, Initial: 10, RandomShare: 0.2), null, TestContext.Current.CancellationToken);
        Assert.Equal([10, 25, 40, 55, 70], curve.Select(p => p.Labels));
        Assert.Equal(5, trainer.Trainings);
        Assert.All(curve, p => Assert.InRange(p.Accuracy, 0, 1));
        Assert.True(curve[^1].Accuracy >= 0.9, $"final accuracy {curve[^1].Accuracy}");
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_curve()
    {
        var options = new SimulationOptions(SamplingStrategies.Margin, Seed: 5, Batch: 10, Budget: 40, Initial: 4, RandomShare: 0.1);
        var a = await Simulation(new WordCountTrainer()).RunAsync(Sentences(150, 3), options, null, TestContext.Current.CancellationToken);
        var b = await Simulation(new WordCountTrainer()).RunAsync(Sentences(150, 3), options, null, TestContext.Current.CancellationToken);
        Assert.Equal(a.Select(p => (p.Labels, p.Accuracy, p.F1Macro)), b.Select(p => (p.Labels, p.Accuracy, p.F1Macro)));
    }

    [Fact]
    public async Task Impossible_settings_are_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<BadInputException>(() => Simulation(new WordCountTrainer()).RunAsync(Sentences(50, 1),
            new SimulationOptions(SamplingStrategies.Random, Budget: 5, Initial: 10), null, TestContext.Current.CancellationToken));
        Assert.Contains(error.Errors, e => e.Field == "budget");
    }
}
