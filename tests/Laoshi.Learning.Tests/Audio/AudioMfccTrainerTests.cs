using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.AudioMfcc;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Audio;

/// <summary>audio-mfcc learns generated sound classes (tones vs hiss, low vs high voices), single- and multi-label, and saves and loads.</summary>
public sealed class AudioMfccTrainerTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempFolder _folder = new();
    private readonly ITrainer _trainer = TrainerCatalog.CreateDefault().Get("audio-mfcc");

    public void Dispose() => _folder.Dispose();

    private TrainingContext Context => new(1, new FileMediaSource(_folder.Path), "audio-mfcc@test");

    private TrainingExample Clip(string id, float[] samples, params string[] labels)
    {
        File.WriteAllBytes(_folder.File($"{id}.wav"), TestAudio.Wav(samples));
        return new TrainingExample(id, new JsonObject { ["audio"] = $"{id}.wav" }, labels);
    }

    private static TrainingSet Set(IReadOnlyList<TrainingExample> examples, IReadOnlyList<string> classes, bool multiLabel = false) =>
        new(examples, classes, multiLabel, "audio", new ModelTarget("emotion", "clip"));

    /// <summary>"calm" clips are low steady voices, "excited" ones high, louder and shakier; 0.3–0.7 s each.</summary>
    private List<TrainingExample> Voices(int perClass, int seed, string prefix)
    {
        var random = new Random(seed);
        var examples = new List<TrainingExample>();
        for (var i = 0; i < perClass; i++)
        {
            examples.Add(Clip($"{prefix}calm{i}", TestAudio.Tone(random, 0.3 + 0.4 * random.NextDouble(), 100 + 30 * random.NextDouble(), 0.2), "calm"));
            var excited = TestAudio.Mix(TestAudio.Tone(random, 0.5, 260 + 60 * random.NextDouble(), 0.5), TestAudio.Noise(random, 0.5, 0.05));
            examples.Add(Clip($"{prefix}excited{i}", excited, "excited"));
        }
        return examples;
    }

    private static ModelInput Input(TrainingExample example) => new(example.Id, example.Data);

    [Theory]
    [InlineData("linear")]
    [InlineData("lightgbm")]
    public async Task It_tells_calm_from_excited_voices_it_has_not_heard(string learner)
    {
        var train = Voices(8, 1, "train-");
        var test = Voices(4, 2, "test-");
        var parameters = ParameterValues.Parse([$"learner={learner}", "min_leaf=1", "iterations=30"], _trainer.Parameters);

        await using var model = await _trainer.TrainAsync(Set(train, ["calm", "excited"]), parameters, Context, Ct);
        var answers = await model.PredictAsync([.. test.Select(Input)], Ct);

        Assert.Equal(("audio-mfcc", "audio-mfcc@test"), (model.Trainer, model.Version));
        var right = answers.Zip(test).Count(p => Assert.Single(p.First.Regions).Labels.SequenceEqual(p.Second.Labels));
        Assert.True(right >= 7, $"{right} of 8 right");
        foreach (var answer in answers)
        {
            var region = Assert.Single(answer.Regions);
            Assert.Equal((RegionTypes.Choices, "emotion", "clip"), (region.Type, region.FromName, region.ToName));
            Assert.Equal(1.0, answer.ClassScores!.Values.Sum(), 1e-4);
            Assert.Equal(answer.ClassScores.Values.Max(), answer.Score!.Value, 1e-9);
            Assert.Equal(answer.ClassScores[region.Labels[0]], answer.Score!.Value, 1e-9);
        }
    }

    [Fact]
    public async Task A_saved_model_loads_and_answers_the_same_and_embeds_alike_clips_close()
    {
        var train = Voices(8, 3, "train-");
        var test = Voices(3, 4, "test-");
        await using var model = await _trainer.TrainAsync(Set(train, ["calm", "excited"]), ParameterValues.Defaults(_trainer.Parameters), Context, Ct);
        using var file = new MemoryStream();
        await model.SaveAsync(file, Ct);
        file.Position = 0;
        await using var loaded = await _trainer.LoadAsync(file, Context, Ct);

        var before = await model.PredictAsync([.. test.Select(Input)], Ct);
        var after = await loaded.PredictAsync([.. test.Select(Input)], Ct);
        Assert.Equal(["calm", "excited"], loaded.Classes);
        foreach (var (a, b) in before.Zip(after))
        {
            Assert.Equal(a.Regions[0].Labels, b.Regions[0].Labels);
            foreach (var (label, p) in a.ClassScores!) Assert.Equal(p, b.ClassScores![label], 1e-6);
        }

        var vectors = await ((IEmbeddingModel)loaded).EmbedAsync([.. test.Select(Input)], Ct);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-4));
        static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
        // test[0], test[2] are calm, test[1] excited: like sounds lie closer together than unlike ones.
        Assert.True(Cosine(vectors[0], vectors[2]) > Cosine(vectors[0], vectors[1]));

        await Assert.ThrowsAsync<BadInputException>(() => _trainer.LoadAsync(new MemoryStream([1, 2, 3]), Context, Ct));
    }

    [Fact]
    public async Task Multi_label_clips_get_every_class_they_carry()
    {
        var random = new Random(5);
        List<TrainingExample> Examples(string prefix, int n)
        {
            var examples = new List<TrainingExample>();
            for (var i = 0; i < n; i++)
            {
                var pitch = 150 + 100 * random.NextDouble();
                examples.Add(Clip($"{prefix}t{i}", TestAudio.Tone(random, 0.5, pitch), "tone"));
                examples.Add(Clip($"{prefix}n{i}", TestAudio.Noise(random, 0.5), "hiss"));
                examples.Add(Clip($"{prefix}b{i}", TestAudio.Mix(TestAudio.Tone(random, 0.5, pitch, 0.5), TestAudio.Noise(random, 0.5, 0.15)), "tone", "hiss"));
            }
            return examples;
        }
        var train = Examples("train-", 6);
        var test = Examples("test-", 3);

        await using var model = await _trainer.TrainAsync(Set(train, ["hiss", "tone"], multiLabel: true), ParameterValues.Defaults(_trainer.Parameters), Context, Ct);
        var answers = await model.PredictAsync([.. test.Select(Input)], Ct);

        var right = answers.Zip(test).Count(p => p.First.Regions.SingleOrDefault()?.Labels.Order().SequenceEqual(p.Second.Labels.Order()) == true);
        Assert.True(right >= 8, $"{right} of 9 right");
        Assert.All(answers, a => Assert.Equal(2, a.ClassScores!.Count));
    }

    [Fact]
    public async Task It_declares_its_parameters_and_names_a_clip_it_cannot_read()
    {
        Assert.Equal(TrainerTasks.AudioClassification, _trainer.Task);
        Assert.Contains(_trainer.Parameters, p => p.Name == "learner" && p.Choices!.SequenceEqual(["linear", "lightgbm"]));
        Assert.All(_trainer.Parameters.Where(p => p.Type is "int" or "float"), p => Assert.True(p.Min < p.Max));
        var outOfRange = Assert.Throws<BadInputException>(() => ParameterValues.Parse(["n_mfcc=2"], _trainer.Parameters));
        Assert.Equal("n_mfcc", outOfRange.Errors[0].Field);

        var examples = Voices(2, 6, "");
        await File.WriteAllTextAsync(_folder.File("notes.wav"), "not audio", Ct);
        examples.Add(new TrainingExample("broken", new JsonObject { ["audio"] = "notes.wav" }, ["calm"]));
        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            _trainer.TrainAsync(Set(examples, ["calm", "excited"]), ParameterValues.Defaults(_trainer.Parameters), Context, Ct));
        Assert.Contains("item broken", error.Message);
        Assert.Contains("notes.wav", error.Message);
    }
}
