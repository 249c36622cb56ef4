using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.TextNgram;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.TextNgram;

public sealed class TextNgramTrainerTests
{
    private static readonly TextNgramTrainer Trainer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TrainingContext Context(int seed = 1) => new(seed, new FileMediaSource("."), "ngram@1");

    private static ParameterValues Params(params string[] pairs) => ParameterValues.Parse(pairs, Trainer.Parameters);

    private static List<ModelInput> Inputs(IEnumerable<TrainingExample> examples) => [.. examples.Select(e => new ModelInput(e.Id, e.Data))];

    private static async Task<double> AccuracyAsync(ITrainedModel model, IReadOnlyList<TrainingExample> test)
    {
        var answers = await model.PredictAsync(Inputs(test), Ct);
        return test.Zip(answers).Count(p => p.Second.Regions.Single().Labels.Single() == p.First.Labels[0]) / (double)test.Count;
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("lightgbm")]
    public async Task It_learns_english_topics_and_answers_with_every_class_probability(string learner)
    {
        var data = GeneratedTexts.Topics(120, seed: 3);
        var (train, test) = DataSplit.Holdout(data.Examples, 0.25, seed: 1);
        var settings = learner == "lightgbm" ? Params("learner=lightgbm", "trees=30", "min_leaf=2") : Params();

        await using var model = await Trainer.TrainAsync(data.With(train), settings, Context(), Ct);

        Assert.True(await AccuracyAsync(model, test) >= 0.9);
        var answer = (await model.PredictAsync([new ModelInput("q", new JsonObject { ["text"] = "the coach said the team scored a goal" })], Ct)).Single();
        var region = answer.Regions.Single();
        Assert.Equal(("label", "text", RegionTypes.Choices, "sport"), (region.FromName, region.ToName, region.Type, region.Labels.Single()));
        Assert.Equal(["food", "sport", "tech"], answer.ClassScores!.Keys.Order());
        Assert.Equal(1.0, answer.ClassScores.Values.Sum(), 3);
        Assert.Equal(answer.ClassScores["sport"], answer.Score!.Value, 6);
        Assert.Equal(answer.ClassScores.Values.Max(), answer.Score.Value, 6);
        Assert.Equal(("text-ngram", "ngram@1"), (model.Trainer, model.Version));
    }

    [Fact]
    public async Task It_learns_chinese_reviews_from_character_ngrams()
    {
        var data = GeneratedTexts.ChineseReviews(120, seed: 5);
        var (train, test) = DataSplit.Holdout(data.Examples, 0.25, seed: 1);

        await using var model = await Trainer.TrainAsync(data.With(train), Params("word_ngrams=0"), Context(), Ct);

        Assert.True(await AccuracyAsync(model, test) >= 0.9);
        var answers = await model.PredictAsync(
            [new ModelInput("a", new JsonObject { ["text"] = "非常满意，推荐购买" }), new ModelInput("b", new JsonObject { ["text"] = "质量太差，很后悔" })], Ct);
        Assert.Equal(["好评", "差评"], answers.Select(a => a.Regions.Single().Labels.Single()));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("lightgbm")]
    public async Task A_multi_label_model_chooses_every_class_whose_probability_reaches_one_half(string learner)
    {
        var data = GeneratedTexts.MultiTopics(120, seed: 7);
        var (train, test) = DataSplit.Holdout(data.Examples, 0.25, seed: 1);
        var settings = learner == "lightgbm" ? Params("learner=lightgbm", "trees=30", "min_leaf=2") : Params();

        await using var model = await Trainer.TrainAsync(data.With(train), settings, Context(), Ct);
        var answers = await model.PredictAsync(Inputs(test), Ct);

        var exact = 0;
        foreach (var (example, answer) in test.Zip(answers))
        {
            var chosen = answer.Regions.SelectMany(r => r.Labels).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(chosen, answer.ClassScores!.Where(s => s.Value >= 0.5).Select(s => s.Key).Order(StringComparer.Ordinal));
            Assert.Equal(3, answer.ClassScores!.Count);
            if (chosen.SequenceEqual(example.Labels.Order(StringComparer.Ordinal))) exact++;
        }
        // Trees see few examples per class here; the linear learner is the one expected to get nearly all sets right.
        Assert.True(exact >= (learner == "linear" ? 0.85 : 0.5) * test.Count, $"{exact} of {test.Count} label sets exactly right");
        if (learner != "linear") return;
        var both = (await model.PredictAsync([new ModelInput("q", new JsonObject { ["text"] = "spicy noodles while the laptop update ran" })], Ct)).Single();
        Assert.Equal(["food", "tech"], both.Regions.Single().Labels.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false, "linear")]
    [InlineData(true, "linear")]
    [InlineData(false, "lightgbm")]
    public async Task A_saved_model_loads_back_from_its_one_file_and_answers_the_same(bool multiLabel, string learner)
    {
        var data = multiLabel ? GeneratedTexts.MultiTopics(90, seed: 2) : GeneratedTexts.Topics(90, seed: 2);
        var settings = learner == "lightgbm" ? Params("learner=lightgbm", "trees=20", "min_leaf=2") : Params();
        using var folder = new TempFolder();
        var path = folder.File("model.laoshi");
        await using var model = await Trainer.TrainAsync(data, settings, Context(), Ct);
        await using (var file = File.Create(path)) await model.SaveAsync(file, Ct);

        await using var stream = File.OpenRead(path);
        await using var loaded = await Trainer.LoadAsync(stream, Context() with { Version = "ngram@2" }, Ct);

        var inputs = Inputs(data.Examples.Take(20)).Append(new ModelInput("new", new JsonObject { ["text"] = "a text it never saw 新的" })).ToList();
        var before = await model.PredictAsync(inputs, Ct);
        var after = await loaded.PredictAsync(inputs, Ct);
        foreach (var (a, b) in before.Zip(after))
        {
            Assert.Equal(a.Regions.SelectMany(r => r.Labels), b.Regions.SelectMany(r => r.Labels));
            foreach (var (label, score) in a.ClassScores!) Assert.Equal(score, b.ClassScores![label], 6);
        }
        Assert.Equal("ngram@2", loaded.Version);
        Assert.Equal(model.Classes, loaded.Classes);
        var embeddings = await ((IEmbeddingModel)model).EmbedAsync(inputs, Ct);
        var loadedEmbeddings = await ((IEmbeddingModel)loaded).EmbedAsync(inputs, Ct);
        Assert.Equal(embeddings.SelectMany(e => e), loadedEmbeddings.SelectMany(e => e));
    }

    [Fact]
    public async Task The_same_seed_data_and_parameters_give_the_same_probabilities()
    {
        var data = GeneratedTexts.Topics(60, seed: 4);
        var inputs = Inputs(data.Examples);
        await using var first = await Trainer.TrainAsync(data, Params(), Context(seed: 9), Ct);
        await using var second = await Trainer.TrainAsync(data, Params(), Context(seed: 9), Ct);

        var a = await first.PredictAsync(inputs, Ct);
        var b = await second.PredictAsync(inputs, Ct);

        Assert.Equal(a.Select(x => x.ClassScores!["food"]), b.Select(x => x.ClassScores!["food"]));
    }

    [Fact]
    public async Task Embeddings_are_unit_vectors_and_texts_on_one_topic_lie_closer()
    {
        var data = GeneratedTexts.Topics(60, seed: 4);
        await using var model = await Trainer.TrainAsync(data, Params(), Context(), Ct);
        var embedder = Assert.IsAssignableFrom<IEmbeddingModel>(model);

        var vectors = await embedder.EmbedAsync(
        [
            new ModelInput("1", new JsonObject { ["text"] = "the football team scored a goal" }),
            new ModelInput("2", new JsonObject { ["text"] = "the football coach praised the team" }),
            new ModelInput("3", new JsonObject { ["text"] = "spicy dumplings and noodle soup" }),
        ], Ct);

        Assert.All(vectors, v => Assert.Equal(TextNgramModel.EmbeddingSize, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        double Dot(float[] x, float[] y) => x.Zip(y).Sum(p => (double)p.First * p.Second);
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]) + 0.1);
    }

    [Theory]
    [InlineData("learner=svm", "learner")]
    [InlineData("word_ngrams=9", "word_ngrams")]
    [InlineData("l2=0", "l2")]
    [InlineData("trees=2.5", "trees")]
    [InlineData("depth=3", "depth")]
    public void A_bad_parameter_is_refused_naming_it(string pair, string field)
    {
        var error = Assert.Throws<BadInputException>(() => Params(pair));

        Assert.Equal(field, error.Errors[0].Field);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public async Task Turning_off_both_kinds_of_ngram_is_refused()
    {
        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            Trainer.TrainAsync(GeneratedTexts.Topics(30, 1), Params("word_ngrams=0", "char_ngrams=0"), Context(), Ct));

        Assert.Equal("char_ngrams", error.Errors[0].Field);
    }

    [Fact]
    public async Task Examples_without_text_or_with_an_unknown_label_are_refused_naming_the_example()
    {
        var data = GeneratedTexts.Topics(30, 1);
        var noText = data.With([.. data.Examples, new TrainingExample("x9", new JsonObject { ["image"] = "a.png" }, ["food"])]);
        var unknown = data.With([.. data.Examples, GeneratedTexts.Example("x10", "some words", "music")]);

        var first = await Assert.ThrowsAsync<BadInputException>(() => Trainer.TrainAsync(noText, Params(), Context(), Ct));
        var second = await Assert.ThrowsAsync<BadInputException>(() => Trainer.TrainAsync(unknown, Params(), Context(), Ct));

        Assert.Contains("example x9 has no 'text'", first.Message);
        Assert.Equal("text", first.Errors[0].Field);
        Assert.Contains("example x10 is labelled 'music'", second.Message);
        Assert.Equal("label", second.Errors[0].Field);
    }

    [Fact]
    public async Task An_item_without_text_is_refused_naming_the_item()
    {
        await using var model = await Trainer.TrainAsync(GeneratedTexts.Topics(30, 1), Params(), Context(), Ct);

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            model.PredictAsync([new ModelInput("item-42", new JsonObject { ["text"] = 5 })], Ct));

        Assert.Contains("item item-42", error.Message);
        Assert.Equal("text", error.Errors[0].Field);
    }

    [Fact]
    public async Task A_file_that_is_not_a_text_ngram_model_is_refused()
    {
        using var bytes = new MemoryStream("not a zip at all"u8.ToArray());

        var error = await Assert.ThrowsAsync<BadInputException>(() => Trainer.LoadAsync(bytes, Context(), Ct));

        Assert.Contains("not a text-ngram model file", error.Message);
    }

    [Fact]
    public void The_default_catalog_offers_it_as_a_text_classifier()
    {
        var trainer = TrainerCatalog.CreateDefault().Get("text-ngram");

        Assert.Equal(TrainerTasks.TextClassification, trainer.Task);
        Assert.Contains(trainer.Parameters, p => p.Name == "learner" && p.Choices!.SequenceEqual(["linear", "lightgbm"]));
        Assert.All(trainer.Parameters.Where(p => p.Type is "int" or "float"), p =>
        {
            var value = double.Parse(p.Default!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(value, p.Min!.Value, p.Max!.Value);
        });
    }
}
