using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.External;
using Laoshi.Learning.LabelErrors;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>Out-of-fold probabilities from a real (tiny) trainer, and confident learning finding flipped labels in them.</summary>
public sealed class LabelErrorDetectorTests
{
    private static readonly string[] Good = ["great", "lovely", "superb", "wonderful", "excellent", "fine", "happy", "nice"];
    private static readonly string[] Bad = ["awful", "terrible", "poor", "horrid", "dreadful", "broken", "sad", "nasty"];
    private static readonly string[] Filler = ["the", "food", "was", "service", "room", "and", "very", "really", "staff", "place"];

    /// <summary>200 reviews, half good and half bad by their words; the labels of the ids in <paramref name="flipped"/> are swapped.</summary>
    private static TrainingSet Reviews(ISet<string> flipped)
    {
        var random = new Random(7);
        var examples = new List<TrainingExample>();
        for (var n = 0; n < 200; n++)
        {
            var positive = n % 2 == 0;
            var words = Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)])
                .Concat(Enumerable.Range(0, 2).Select(_ => (positive ? Good : Bad)[random.Next(8)]))
                .OrderBy(_ => random.Next()).ToList();
            var id = $"r{n}";
            var label = positive ^ flipped.Contains(id) ? "pos" : "neg";
            examples.Add(new TrainingExample(id, new JsonObject { ["text"] = string.Join(' ', words) }, [label]));
        }
        return new TrainingSet(examples, ["neg", "pos"], false, "text", new ModelTarget("label", "text"));
    }

    private static readonly IMediaSource NoMedia = new FileMediaSource(Path.GetTempPath());

    [Fact]
    public async Task Flipped_labels_are_found_and_ranked_above_the_rest()
    {
        var flipped = new HashSet<string>(Enumerable.Range(0, 10).Select(i => $"r{i * 19 + 3}"));
        var trainer = new WordCountTrainer();

        var report = await LabelErrorDetector.FindAsync(Reviews(flipped), [TrainerChoice.WithDefaults(trainer)], folds: 4, seed: 1, NoMedia,
            null, null, TestContext.Current.CancellationToken);

        var found = report.Suspects.Select(s => s.Id).ToList();
        Assert.True(found.Count(flipped.Contains) >= 9, $"found {string.Join(",", found)}");
        Assert.True(found.Count(id => !flipped.Contains(id)) <= 2, $"found {string.Join(",", found)}");
        Assert.All(report.Suspects.Where(s => flipped.Contains(s.Id)), s => Assert.NotEqual(s.Given, s.Suggested));
        Assert.Equal(report.Suspects.OrderByDescending(s => s.Score).Select(s => s.Id), found);
    }

    [Fact]
    public async Task Every_example_is_judged_once_by_a_model_that_never_trained_on_it()
    {
        var trainer = new WordCountTrainer();
        var data = Reviews(new HashSet<string>());

        var rows = await OutOfFoldProbabilities.ComputeAsync(data, [TrainerChoice.WithDefaults(trainer)], 5, 3, NoMedia, 0, null, TestContext.Current.CancellationToken);

        Assert.Equal(5, trainer.TrainedOn.Count);
        Assert.Equal(data.Examples.Select(e => e.Id).Order(), trainer.Asked.Order());
        Assert.Equal(data.Examples.Select(e => e.Id), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal(1.0, r.Probabilities.Sum(), 9));
        // Which fold judged an example: it must be the one model that left the example out.
        var asked = 0;
        foreach (var trainedOn in trainer.TrainedOn)
        {
            var judged = trainer.Asked.Skip(asked).Take(data.Examples.Count - trainedOn.Count).ToList();
            Assert.DoesNotContain(judged, trainedOn.Contains);
            asked += judged.Count;
        }
    }

    [Fact]
    public async Task Two_trainers_are_averaged_into_one_ensemble()
    {
        var data = Reviews(new HashSet<string>());
        var strong = TrainerChoice.WithDefaults(new WordCountTrainer());
        var smooth = new TrainerChoice(new WordCountTrainer(), ParameterValues.Parse(["alpha=10"], strong.Trainer.Parameters));
        var ct = TestContext.Current.CancellationToken;

        var a = await OutOfFoldProbabilities.ComputeAsync(data, [strong], 3, 1, NoMedia, 0, null, ct);
        var b = await OutOfFoldProbabilities.ComputeAsync(data, [smooth], 3, 1, NoMedia, 0, null, ct);
        var both = await OutOfFoldProbabilities.ComputeAsync(data, [strong, smooth], 3, 1, NoMedia, 0, null, ct);

        for (var n = 0; n < data.Examples.Count; n++)
            Assert.Equal((a[n].Probabilities[1] + b[n].Probabilities[1]) / 2, both[n].Probabilities[1], 12);
    }

    [Fact]
    public async Task Multi_label_data_and_too_many_folds_are_refused_with_the_field_named()
    {
        var data = Reviews(new HashSet<string>());
        TrainerChoice[] trainer = [TrainerChoice.WithDefaults(new WordCountTrainer())];
        var ct = TestContext.Current.CancellationToken;

        var multi = await Assert.ThrowsAsync<BadInputException>(() => OutOfFoldProbabilities.ComputeAsync(data with { MultiLabel = true }, trainer, 3, 1, NoMedia, 0, null, ct));
        Assert.Equal("label", multi.Errors[0].Field);
        var folds = await Assert.ThrowsAsync<BadInputException>(() => OutOfFoldProbabilities.ComputeAsync(data.With(data.Examples.Take(3).ToList()), trainer, 5, 1, NoMedia, 0, null, ct));
        Assert.Equal("folds", folds.Errors[0].Field);
    }

    [Fact]
    public async Task A_trainer_that_embeds_adds_its_neighbour_vote_with_a_model_s_weight()
    {
        var data = Reviews(new HashSet<string> { "r4", "r7" });
        string[] vocabulary = [.. Good, .. Bad];
        var choice = TrainerChoice.WithDefaults(new WordVectorTrainer(vocabulary));
        var ct = TestContext.Current.CancellationToken;

        var models = await OutOfFoldProbabilities.ComputeAsync(data, [choice], 4, 1, NoMedia, 0, null, ct);
        var both = await OutOfFoldProbabilities.ComputeAsync(data, [choice], 4, 1, NoMedia, 5, null, ct);

        var vectors = data.Examples.Select(e => WordVectorTrainer.Counts(new ModelInput(e.Id, e.Data), vocabulary)).ToList();
        var labels = data.Examples.Select(e => e.Labels[0] == "pos" ? 1 : 0).ToList();
        var votes = NeighbourVotes.Probabilities(vectors, labels, 2, 5, 1, ct);
        for (var n = 0; n < data.Examples.Count; n++)
            Assert.Equal((models[n].Probabilities[1] + votes[n][1]) / 2, both[n].Probabilities[1], 12);
        // A trainer whose models do not embed has no neighbour vote: the same answers with or without neighbours.
        var plain = TrainerChoice.WithDefaults(new WordVectorTrainer(vocabulary: null));
        var a = await OutOfFoldProbabilities.ComputeAsync(data, [plain], 4, 1, NoMedia, 0, null, ct);
        var b = await OutOfFoldProbabilities.ComputeAsync(data, [plain], 4, 1, NoMedia, 5, null, ct);
        Assert.Equal(a.Select(r => r.Probabilities[1]), b.Select(r => r.Probabilities[1]));
    }

    [Fact]
    public async Task With_the_neighbour_vote_the_flipped_labels_are_still_found_first()
    {
        var flipped = new HashSet<string>(Enumerable.Range(0, 10).Select(i => $"r{i * 19 + 3}"));

        var report = await LabelErrorDetector.FindAsync(Reviews(flipped), [TrainerChoice.WithDefaults(new WordVectorTrainer([.. Good, .. Bad]))],
            folds: 4, seed: 1, NoMedia, new LabelErrorOptions(Neighbours: 10), null, TestContext.Current.CancellationToken);

        var top = report.Suspects.Take(10).Select(s => s.Id).ToList();
        Assert.True(top.Count(flipped.Contains) >= 9, $"top ten: {string.Join(",", top)}");
    }

    [Fact]
    public void A_neighbour_count_out_of_range_is_refused_naming_the_option()
    {
        Assert.Equal(LabelErrorOptions.DefaultNeighbours, LabelErrorOptions.Parse(null, null).Neighbours);
        Assert.Equal(0, LabelErrorOptions.Parse(null, null, 0).Neighbours);
        var error = Assert.Throws<BadInputException>(() => LabelErrorOptions.Parse(null, null, 501, neighboursField: "--neighbours"));
        Assert.Equal("--neighbours", error.Errors[0].Field);
    }
}
